package dev.switchboard.console.internal.settings;

import dev.switchboard.api.channel.ConnectionDetails;
import dev.switchboard.api.channel.SettingField;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The connection form's values, mapped between a channel's {@link SettingField}s and what the form shows and sends
 * (architecture §3, §4; the plugin developer guide's "Settings and the console"), kept apart from Vaadin so that it is
 * tested on its own.
 *
 * <p>A secret is never shown back: its field starts blank, says whether a value is stored, and a blank one sent on
 * an edit keeps the stored value (the service's rule). The form checks what the core would refuse anyway (required
 * fields, whole numbers, absolute http(s) addresses, one line, length), so the reader learns it in their language
 * before the connector is asked; the core's own reasons are mapped to the same words when they come back.
 */
final class ConnectionSettings {

    /** The core's longest setting value (the chat bundle's SettingValues.MAX_VALUE). */
    static final int MAX_VALUE = 4000;
    /** The core's longest connection name. */
    static final int MAX_NAME = 120;

    private static final String SETTINGS_PREFIX = "settings.";

    private ConnectionSettings() {
    }

    /**
     * What each field shows first: a new connection's defaults, an existing connection's stored values; secrets
     * blank; a checkbox {@code true} or {@code false}.
     */
    static Map<String, String> initial(List<SettingField> fields, Optional<ConnectionDetails> existing) {
        Map<String, String> values = new LinkedHashMap<>();
        for (SettingField field : fields) {
            String value;
            if (field.type() == SettingField.Type.SECRET) {
                value = "";
            } else if (existing.isPresent()) {
                value = existing.get().settings().getOrDefault(field.key(),
                        field.type() == SettingField.Type.BOOLEAN ? field.defaultValue().orElse("false") : "");
            } else {
                value = field.defaultValue().orElse("");
            }
            if (field.type() == SettingField.Type.BOOLEAN) {
                value = Boolean.toString("true".equalsIgnoreCase(value.strip()));
            }
            values.put(field.key(), value);
        }
        return values;
    }

    /**
     * What goes to the service: every field by key, stripped; a cleared field as an empty value (no value then), a
     * blank secret as an empty value (kept on an edit), a checkbox as {@code true} or {@code false}.
     */
    static Map<String, String> values(List<SettingField> fields, Map<String, String> entered) {
        Map<String, String> values = new LinkedHashMap<>();
        for (SettingField field : fields) {
            String raw = entered.getOrDefault(field.key(), "");
            String value = raw == null ? "" : raw.strip();
            if (field.type() == SettingField.Type.BOOLEAN) {
                value = Boolean.toString("true".equalsIgnoreCase(value));
            }
            values.put(field.key(), value);
        }
        return values;
    }

    /**
     * What the core would refuse, field by field in the form's order: the text key of the first problem of each.
     *
     * @param secretsSet the secrets stored for the connection (none for a new one)
     */
    static Map<String, String> problems(List<SettingField> fields, Map<String, String> entered,
                                        Set<String> secretsSet) {
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, String> values = values(fields, entered);
        for (SettingField field : fields) {
            String value = values.get(field.key());
            if (value.isEmpty()) {
                boolean kept = field.type() == SettingField.Type.SECRET && secretsSet.contains(field.key());
                if (field.required() && !kept && field.type() != SettingField.Type.BOOLEAN) {
                    problems.put(field.key(), "settings.field.required");
                }
                continue;
            }
            problem(field.type(), value).ifPresent(problem -> problems.put(field.key(), problem));
        }
        return problems;
    }

    private static Optional<String> problem(SettingField.Type type, String value) {
        if (value.length() > MAX_VALUE) {
            return Optional.of("settings.field.tooLong");
        }
        boolean multiline = value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        return switch (type) {
            case TEXT, SECRET -> multiline ? Optional.of("settings.field.oneLine") : Optional.empty();
            case URL -> absoluteWebAddress(value) ? Optional.empty() : Optional.of("settings.field.url");
            case NUMBER -> wholeNumber(value) ? Optional.empty() : Optional.of("settings.field.number");
            case BOOLEAN, MULTILINE -> Optional.empty();
        };
    }

    /** Whether a connection name is one the core takes. */
    static boolean validName(String name) {
        String stripped = name == null ? "" : name.strip();
        return !stripped.isEmpty() && stripped.length() <= MAX_NAME;
    }

    /** The setting an {@code InvalidInput} names ({@code settings.token} names {@code token}). */
    static Optional<String> settingOf(String field) {
        return field != null && field.startsWith(SETTINGS_PREFIX) && field.length() > SETTINGS_PREFIX.length()
                ? Optional.of(field.substring(SETTINGS_PREFIX.length())) : Optional.empty();
    }

    /**
     * The console's words for a reason the core gives in English; empty for a reason of the connector's own, which
     * the connector already wrote in the reader's language.
     */
    static Optional<String> reasonKey(String reason) {
        String r = reason == null ? "" : reason.strip().toLowerCase(Locale.ROOT);
        if (r.equals("required")) {
            return Optional.of("settings.field.required");
        } else if (r.equals("a whole number")) {
            return Optional.of("settings.field.number");
        } else if (r.equals("an absolute http(s) address")) {
            return Optional.of("settings.field.url");
        } else if (r.equals("one line only")) {
            return Optional.of("settings.field.oneLine");
        } else if (r.equals("true or false")) {
            return Optional.of("settings.field.boolean");
        } else if (r.startsWith("at most ") && r.endsWith(" characters")) {
            return Optional.of("settings.field.tooLong");
        }
        return Optional.empty();
    }

    private static boolean absoluteWebAddress(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean wholeNumber(String value) {
        try {
            Long.parseLong(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
