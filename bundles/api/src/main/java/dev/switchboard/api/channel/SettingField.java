package dev.switchboard.api.channel;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One setting of a connection, as the connector describes it and the console shows it (a bot token, an allowed
 * origin). The core checks {@link #required()} and the {@link Type} before the connector's own
 * {@link ChannelConnector#validate} sees the values; it stores {@link Type#SECRET} values encrypted and never
 * shows them back.
 *
 * @param key          the setting's key, lower-case letters, digits, '.', '_' and '-'
 * @param label        by language tag: {@code en} required, {@code ru} expected
 * @param help         a line under the field, by language tag; may be empty
 * @param defaultValue what a new connection starts with
 */
public record SettingField(String key, Map<String, String> label, Map<String, String> help, Type type,
                           boolean required, Optional<String> defaultValue) {

    public SettingField {
        if (key == null || !key.matches("[a-z][a-z0-9._-]{0,59}")) {
            throw new IllegalArgumentException("setting key must be lower-case letters, digits, '.', '_', '-': " + key);
        }
        if (!label.containsKey("en")) {
            throw new IllegalArgumentException("setting " + key + " needs an English label");
        }
        label = Map.copyOf(label);
        help = Map.copyOf(help);
    }

    /** A field with labels and no help or default. */
    public static SettingField of(String key, Type type, boolean required, String english, String russian) {
        return new SettingField(key, Map.of("en", english, "ru", russian), Map.of(), type, required, Optional.empty());
    }

    public SettingField withHelp(String english, String russian) {
        return new SettingField(key, label, Map.of("en", english, "ru", russian), type, required, defaultValue);
    }

    public SettingField withDefault(String value) {
        return new SettingField(key, label, help, type, required, Optional.of(value));
    }

    /** The label in the reader's language, else English. */
    public String label(Locale locale) {
        return label.getOrDefault(locale.getLanguage(), label.get("en"));
    }

    /** The help line in the reader's language, else English, else empty. */
    public String help(Locale locale) {
        return help.getOrDefault(locale.getLanguage(), help.getOrDefault("en", ""));
    }

    /** What a setting's value is; the core checks the form before the connector does. */
    public enum Type {
        /** a line of text */
        TEXT,
        /** several lines (a greeting, a list of allowed origins, one per line) */
        MULTILINE,
        /** a token or password: stored encrypted, never shown back (the console shows whether it is set) */
        SECRET,
        /** an absolute http(s) address */
        URL,
        /** a whole number */
        NUMBER,
        /** {@code true} or {@code false} */
        BOOLEAN
    }
}
