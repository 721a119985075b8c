package dev.switchboard.channel.widget.internal;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The widget's texts in English and Russian (the visitors' error messages, the owner's setting problems, the snippet
 * panel, the demo page), from {@code messages*.properties} beside this class in UTF-8, as the console keeps its own.
 * The bundles are loaded through this bundle's class loader (in OSGi the thread's does not see them), and never fall
 * back to the JVM's default locale: a server running in Russian still answers English by default.
 */
public final class Texts {

    private static final String BUNDLE = "dev.switchboard.channel.widget.internal.messages";
    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale RUSSIAN = Locale.forLanguageTag("ru");
    private static final List<Locale> PROVIDED = List.of(ENGLISH, RUSSIAN);

    private final Locale locale;
    private final ResourceBundle bundle;

    private Texts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, Texts.class.getClassLoader(), CONTROL);
    }

    /** The texts of the provided language nearest to {@code locale}: English unless it is Russian. */
    public static Texts of(Locale locale) {
        return new Texts(nearest(locale));
    }

    /** English or Russian for a language tag, if it is one of them. */
    public static Optional<Locale> supported(String languageTag) {
        if (languageTag == null || languageTag.isBlank()) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(languageTag.strip()).getLanguage();
        return PROVIDED.stream().filter(l -> l.getLanguage().equals(language)).findFirst();
    }

    /**
     * The language of a request: {@code lang} when it names English or Russian, else the first of the
     * {@code Accept-Language} header's languages that is one of them (by its q weights), else English.
     */
    public static Locale negotiate(String lang, String acceptLanguage) {
        Optional<Locale> asked = supported(lang);
        if (asked.isPresent()) {
            return asked.get();
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                Locale match = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), PROVIDED);
                if (match != null) {
                    return match;
                }
            } catch (IllegalArgumentException e) {
                // a header we cannot read: English
            }
        }
        return ENGLISH;
    }

    static Locale nearest(Locale locale) {
        return locale != null && RUSSIAN.getLanguage().equals(locale.getLanguage()) ? RUSSIAN : ENGLISH;
    }

    public Locale locale() {
        return locale;
    }

    /** Whether there is a text for {@code key}. */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** The text for {@code key}, filled in with {@code arguments} ({@link MessageFormat}); {@code !key} if missing. */
    public String text(String key, Object... arguments) {
        try {
            String pattern = bundle.getString(key);
            return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
        } catch (MissingResourceException e) {
            return "!" + key;
        }
    }
}
