package dev.switchboard.channel.widget.internal.connector;

import dev.switchboard.api.channel.ConnectionContext;
import dev.switchboard.api.channel.SettingField;
import dev.switchboard.channel.widget.internal.Texts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A widget connection's settings (issue 10: allowed origins, the header's name and colour, greeting, the texts for
 * nobody online and consent in English and Russian, pre-chat fields, the acquisition tool, the identity secret and
 * the token generation): their descriptions for the console's form, the owner's check of them, and their values with
 * defaults as the visitors' API reads them. A value that does not pass the check (stored before a rule existed) falls
 * back to its default rather than break the widget.
 */
public final class WidgetSettings {

    public static final String ORIGINS = "origins";
    public static final String TEAM_NAME = "team-name";
    public static final String COLOUR = "colour";
    public static final String GREETING = "greeting";
    public static final String OFFLINE = "offline";
    public static final String CONSENT = "consent";
    public static final String PRECHAT = "prechat";
    public static final String TOOL = "tool";
    public static final String IDENTITY_SECRET = "identity-secret";
    public static final String TOKEN_GENERATION = "token-generation";

    public static final String DEFAULT_TEAM_NAME = "Support";
    public static final String DEFAULT_COLOUR = "#1f6feb";
    /** The identity secret's least length: 32 characters, about as strong as a 128-bit key in hex or more. */
    public static final int MIN_SECRET = 32;
    static final int MAX_TEAM_NAME = 80;
    static final int MAX_TOOL = 200;
    static final int MAX_TEXT = 1000;

    /** The pre-chat fields, in the order the widget's form shows them. */
    public static final List<String> PRECHAT_FIELDS = List.of("name", "email", "phone");

    private static final Pattern COLOUR_VALUE = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Texts EN = Texts.of(Texts.ENGLISH);
    private static final Texts RU = Texts.of(Texts.RUSSIAN);

    /** Whether the widget's form asks for a pre-chat field, and whether the first message needs it. */
    public enum Need {
        OFF, OPTIONAL, REQUIRED;

        static Optional<Need> parse(String value) {
            if (value == null || value.isBlank()) {
                return Optional.of(OFF);
            }
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "off" -> Optional.of(OFF);
                case "optional" -> Optional.of(OPTIONAL);
                case "required" -> Optional.of(REQUIRED);
                default -> Optional.empty();
            };
        }
    }

    /** The settings as the console's form draws them, labels and help in English and Russian. */
    public static final List<SettingField> FIELDS = List.of(
            field(ORIGINS, SettingField.Type.MULTILINE, true),
            field(TEAM_NAME, SettingField.Type.TEXT, false).withDefault(DEFAULT_TEAM_NAME),
            field(COLOUR, SettingField.Type.TEXT, false).withDefault(DEFAULT_COLOUR),
            field(GREETING + ".en", SettingField.Type.MULTILINE, false).withDefault(EN.text("default.greeting")),
            field(GREETING + ".ru", SettingField.Type.MULTILINE, false).withDefault(RU.text("default.greeting")),
            field(OFFLINE + ".en", SettingField.Type.MULTILINE, false).withDefault(EN.text("default.offline")),
            field(OFFLINE + ".ru", SettingField.Type.MULTILINE, false).withDefault(RU.text("default.offline")),
            field(CONSENT + ".en", SettingField.Type.TEXT, false),
            field(CONSENT + ".ru", SettingField.Type.TEXT, false),
            field(PRECHAT + ".name", SettingField.Type.TEXT, false).withDefault("off"),
            field(PRECHAT + ".email", SettingField.Type.TEXT, false).withDefault("off"),
            field(PRECHAT + ".phone", SettingField.Type.TEXT, false).withDefault("off"),
            field(TOOL, SettingField.Type.TEXT, false),
            field(IDENTITY_SECRET, SettingField.Type.SECRET, false),
            field(TOKEN_GENERATION, SettingField.Type.NUMBER, false).withDefault("1"));

    private final Map<String, String> values;

    private WidgetSettings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static WidgetSettings of(ConnectionContext connection) {
        return new WidgetSettings(connection.settings());
    }

    public static WidgetSettings of(Map<String, String> settings) {
        return new WidgetSettings(settings);
    }

    private static SettingField field(String key, SettingField.Type type, boolean required) {
        String label = "setting." + key;
        SettingField field = SettingField.of(key, type, required, EN.text(label), RU.text(label));
        return EN.has(label + ".help") ? field.withHelp(EN.text(label + ".help"), RU.text(label + ".help")) : field;
    }

    private Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** The allowed origins in their compared form ({@link Origins}). */
    public Set<String> origins() {
        return Origins.parse(values.get(ORIGINS));
    }

    public String teamName() {
        return value(TEAM_NAME).filter(v -> v.length() <= MAX_TEAM_NAME).orElse(DEFAULT_TEAM_NAME);
    }

    public String colour() {
        return value(COLOUR).filter(v -> COLOUR_VALUE.matcher(v).matches()).map(v -> v.toLowerCase(Locale.ROOT))
                .orElse(DEFAULT_COLOUR);
    }

    /** The first line the visitor sees, in their language (the default greeting when the owner left it empty). */
    public String greeting(Locale locale) {
        Texts texts = Texts.of(locale);
        return value(GREETING + "." + texts.locale().getLanguage()).orElseGet(() -> texts.text("default.greeting"));
    }

    /** What the widget says when nobody of the team has the console open. */
    public String offline(Locale locale) {
        Texts texts = Texts.of(locale);
        return value(OFFLINE + "." + texts.locale().getLanguage()).orElseGet(() -> texts.text("default.offline"));
    }

    /** The consent line shown before the first message, if the owner set one for this language. */
    public Optional<String> consent(Locale locale) {
        return value(CONSENT + "." + Texts.of(locale).locale().getLanguage());
    }

    /** Whether the form asks for a pre-chat field ({@code name}, {@code email}, {@code phone}). */
    public Need prechat(String field) {
        return Need.parse(values.get(PRECHAT + "." + field)).orElse(Need.OFF);
    }

    /** The acquisition tool recorded for this widget's visitors (CARD-8a), unless the page names its own. */
    public Optional<String> tool() {
        return value(TOOL).filter(v -> v.length() <= MAX_TOOL);
    }

    /** The secret the site's backend signs its user ids with; empty when identity verification is off. */
    public Optional<String> identitySecret() {
        return Optional.ofNullable(values.get(IDENTITY_SECRET)).filter(v -> v.length() >= MIN_SECRET);
    }

    /** The visitors' token generation: 1 and up. */
    public int generation() {
        return value(TOKEN_GENERATION).flatMap(WidgetSettings::number).filter(g -> g >= 1).orElse(1);
    }

    private static Optional<Integer> number(String value) {
        try {
            return Optional.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The owner's problems with these settings, by key, in the owner's language; empty when they are good. The core
     * has checked the types and the required origins already.
     */
    public static Map<String, String> validate(Map<String, String> settings, Locale locale) {
        Texts texts = Texts.of(locale);
        Map<String, String> problems = new LinkedHashMap<>();
        String origins = settings.getOrDefault(ORIGINS, "");
        List<String> lines = origins.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            problems.put(ORIGINS, texts.text("problem.origins.none"));
        }
        for (String line : lines) {
            if (line.contains("*")) {
                problems.put(ORIGINS, texts.text("problem.origins.wildcard"));
                break;
            }
            if (Origins.normalise(line).isEmpty()) {
                problems.put(ORIGINS, texts.text("problem.origins.invalid", line));
                break;
            }
        }
        String name = settings.getOrDefault(TEAM_NAME, "").strip();
        if (name.length() > MAX_TEAM_NAME) {
            problems.put(TEAM_NAME, texts.text("problem.tooLong", MAX_TEAM_NAME));
        }
        String colour = settings.getOrDefault(COLOUR, "").strip();
        if (!colour.isEmpty() && !COLOUR_VALUE.matcher(colour).matches()) {
            problems.put(COLOUR, texts.text("problem.colour"));
        }
        for (String language : List.of("en", "ru")) {
            for (String key : List.of(GREETING + "." + language, OFFLINE + "." + language,
                    CONSENT + "." + language)) {
                if (settings.getOrDefault(key, "").strip().length() > MAX_TEXT) {
                    problems.put(key, texts.text("problem.tooLong", MAX_TEXT));
                }
            }
        }
        for (String field : PRECHAT_FIELDS) {
            String key = PRECHAT + "." + field;
            if (Need.parse(settings.get(key)).isEmpty()) {
                problems.put(key, texts.text("problem.prechat"));
            }
        }
        if (settings.getOrDefault(TOOL, "").strip().length() > MAX_TOOL) {
            problems.put(TOOL, texts.text("problem.tooLong", MAX_TOOL));
        }
        String secret = settings.getOrDefault(IDENTITY_SECRET, "");
        if (!secret.isEmpty() && secret.length() < MIN_SECRET) {
            problems.put(IDENTITY_SECRET, texts.text("problem.secret", MIN_SECRET));
        }
        String generation = settings.getOrDefault(TOKEN_GENERATION, "").strip();
        if (!generation.isEmpty() && number(generation).filter(g -> g >= 1).isEmpty()) {
            problems.put(TOKEN_GENERATION, texts.text("problem.generation"));
        }
        return problems;
    }
}
