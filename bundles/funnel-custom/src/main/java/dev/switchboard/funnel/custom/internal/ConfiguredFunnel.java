package dev.switchboard.funnel.custom.internal;

import dev.switchboard.api.funnel.FunnelDefinition;
import dev.switchboard.api.funnel.FunnelStage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A funnel read from one configuration (CARD-3). Stages are given in funnel order as entries
 * {@code key;English name;Russian name;#rrggbb}, separated by commas: a Karaf {@code .cfg} file gives the whole
 * list as one string, Config Admin clients may give an array, and an array element may hold several entries
 * too. Blank entries (a trailing comma) are skipped. Stages are ordered 10, 20, 30, ... in the order given.
 */
record ConfiguredFunnel(String key, Map<String, String> names, List<FunnelStage> stages) implements FunnelDefinition {

    static final String ENTRY_FORMAT = "key;English name;Russian name;#rrggbb";

    private static final Pattern KEY = Pattern.compile("[a-z0-9_-]{1,60}");
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final int ORDER_STEP = 10;

    ConfiguredFunnel {
        names = Map.copyOf(names);
        stages = List.copyOf(stages);
    }

    /** Reads a configuration's values, or says what is wrong with the first bad one. */
    static ConfiguredFunnel parse(String key, String nameEn, String nameRu, String[] stageValues)
            throws InvalidConfiguration {
        String funnelKey = strip(key);
        if (funnelKey.isEmpty()) {
            throw new InvalidConfiguration("key is missing");
        }
        if (!KEY.matcher(funnelKey).matches()) {
            throw new InvalidConfiguration("key '" + funnelKey
                    + "' must be 1 to 60 lower-case letters, digits, '-' or '_'");
        }
        Map<String, String> names = names(strip(nameEn), strip(nameRu));
        if (names.isEmpty()) {
            throw new InvalidConfiguration("name.en is missing");
        }
        List<String> entries = entries(stageValues);
        if (entries.isEmpty()) {
            throw new InvalidConfiguration("stages is missing: give at least one entry " + ENTRY_FORMAT);
        }
        List<FunnelStage> stages = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            FunnelStage stage = stage(i + 1, entries.get(i));
            if (!keys.add(stage.key())) {
                throw new InvalidConfiguration(where(i + 1, entries.get(i)) + ": key '" + stage.key()
                        + "' is used by an earlier stage");
            }
            stages.add(stage);
        }
        return new ConfiguredFunnel(funnelKey, names, stages);
    }

    private static FunnelStage stage(int position, String entry) throws InvalidConfiguration {
        String[] fields = entry.split(";", -1);
        if (fields.length != 4) {
            throw new InvalidConfiguration(where(position, entry) + " must have 4 fields " + ENTRY_FORMAT
                    + ", has " + fields.length);
        }
        String key = fields[0].strip();
        if (!KEY.matcher(key).matches()) {
            throw new InvalidConfiguration(where(position, entry) + ": key '" + key
                    + "' must be 1 to 60 lower-case letters, digits, '-' or '_'");
        }
        Map<String, String> names = names(fields[1].strip(), fields[2].strip());
        if (names.isEmpty()) {
            throw new InvalidConfiguration(where(position, entry) + ": the English name is missing");
        }
        String colour = fields[3].strip();
        if (!COLOUR.matcher(colour).matches()) {
            throw new InvalidConfiguration(where(position, entry) + ": colour '" + colour
                    + "' must be # and six hex digits, e.g. #42a5f5");
        }
        return new FunnelStage(key, names, position * ORDER_STEP, colour.toLowerCase());
    }

    /** en and, if given, ru; empty when the English name is missing (a Russian name alone is not enough). */
    private static Map<String, String> names(String english, String russian) {
        if (english.isEmpty()) {
            return Map.of();
        }
        Map<String, String> names = new LinkedHashMap<>();
        names.put("en", english);
        if (!russian.isEmpty()) {
            names.put("ru", russian);
        }
        return names;
    }

    private static List<String> entries(String[] values) {
        List<String> entries = new ArrayList<>();
        if (values == null) {
            return entries;
        }
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String entry : value.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.strip());
                }
            }
        }
        return entries;
    }

    private static String where(int position, String entry) {
        return "stage " + position + " '" + entry + "'";
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
