package dev.switchboard.console.internal.i18n;

import com.vaadin.flow.i18n.I18NProvider;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's texts in English and Russian, from {@code messages*.properties} beside this class (UTF-8, which
 * {@link java.util.PropertyResourceBundle} reads by default since Java 9). The bundles are loaded through this
 * bundle's class loader: in OSGi the thread's class loader does not see them.
 */
public final class ConsoleI18N implements I18NProvider {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleI18N.class);
    private static final String BUNDLE = "dev.switchboard.console.internal.i18n.messages";

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    /** The language of any viewer whose browser asks for neither: the first one. */
    private static final List<Locale> PROVIDED = List.of(ENGLISH, RUSSIAN);

    // no fallback to the JVM's default locale: a server running in Russian must still show English by default
    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    @Override
    public List<Locale> getProvidedLocales() {
        return PROVIDED;
    }

    /** One of the provided languages for a language tag ({@code en}, {@code ru}), if it is one. */
    public static Optional<Locale> supported(String languageTag) {
        String language = Locale.forLanguageTag(languageTag).getLanguage();
        return PROVIDED.stream().filter(locale -> locale.getLanguage().equals(language)).findFirst();
    }

    /** The provided language nearest to {@code locale}; English when there is none. */
    public static Locale nearest(Locale locale) {
        return locale == null ? ENGLISH : supported(locale.getLanguage()).orElse(ENGLISH);
    }

    /** Whether there is a text for {@code key}; the engine's error keys are open-ended. */
    public boolean has(String key, Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, nearest(locale), ConsoleI18N.class.getClassLoader(), CONTROL)
                .containsKey(key);
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, nearest(locale),
                ConsoleI18N.class.getClassLoader(), CONTROL);
        try {
            String pattern = bundle.getString(key);
            return params.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(params);
        } catch (MissingResourceException e) {
            LOG.warn("No console text for key {} in {}", key, locale);
            return "!" + key;
        }
    }
}
