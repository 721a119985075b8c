package dev.switchboard.chat.internal.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.channel.SettingField;
import dev.switchboard.api.error.InvalidInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A connection's settings checked against the connector's fields before the connector's own validation: known keys
 * only, required ones present, values of the field's type, defaults for what is missing. Secrets are split from the
 * rest, so that the core stores them sealed, and a secret left blank on an edit keeps its stored value (the console
 * never shows one back). Errors name the field as {@code settings.<key>}.
 */
final class SettingValues {

    static final int MAX_VALUE = 4000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };

    /** The values split as they are stored. */
    record Split(Map<String, String> plain, Map<String, String> secrets) {
        Map<String, String> all() {
            Map<String, String> all = new TreeMap<>(plain);
            all.putAll(secrets);
            return all;
        }
    }

    private SettingValues() {
    }

    /**
     * The values to store: {@code given} checked field by field, blank secrets taken from {@code storedSecrets}.
     *
     * @throws InvalidInput naming the first bad field
     */
    static Split check(List<SettingField> fields, Map<String, String> given, Map<String, String> storedSecrets) {
        Map<String, SettingField> byKey = new LinkedHashMap<>();
        fields.forEach(f -> byKey.put(f.key(), f));
        for (String key : given.keySet()) {
            if (!byKey.containsKey(key)) {
                throw new InvalidInput("settings", "no such setting: " + key);
            }
        }
        Map<String, String> plain = new TreeMap<>();
        Map<String, String> secrets = new TreeMap<>();
        for (SettingField field : fields) {
            String raw = given.get(field.key());
            String value = raw == null ? null : raw.strip();
            if (field.type() == SettingField.Type.SECRET && (value == null || value.isEmpty())) {
                value = storedSecrets.get(field.key());
            } else if (raw == null) {
                // a field not given at all (a shell command, a new field of an updated connector) takes its default
                value = field.defaultValue().orElse(null);
            }
            if (value == null || value.isEmpty()) {
                if (field.required()) {
                    throw new InvalidInput("settings." + field.key(), "required");
                }
                continue;
            }
            checkType(field, value);
            (field.type() == SettingField.Type.SECRET ? secrets : plain).put(field.key(), value);
        }
        return new Split(plain, secrets);
    }

    private static void checkType(SettingField field, String value) {
        String name = "settings." + field.key();
        if (value.length() > MAX_VALUE) {
            throw new InvalidInput(name, "at most " + MAX_VALUE + " characters");
        }
        switch (field.type()) {
            case TEXT, SECRET -> {
                if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                    throw new InvalidInput(name, "one line only");
                }
            }
            case URL -> {
                try {
                    URI uri = new URI(value);
                    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                        throw new InvalidInput(name, "an absolute http(s) address");
                    }
                } catch (URISyntaxException e) {
                    throw new InvalidInput(name, "an absolute http(s) address");
                }
            }
            case NUMBER -> {
                try {
                    Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new InvalidInput(name, "a whole number");
                }
            }
            case BOOLEAN -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new InvalidInput(name, "true or false");
                }
            }
            case MULTILINE -> {
                // any text within the length
            }
        }
    }

    static String toJson(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings cannot be written as JSON", e);
        }
    }

    static Map<String, String> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored settings are not a JSON object of strings", e);
        }
    }
}
