package dev.switchboard.api.funnel;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One stage of a funnel (CARD-3).
 *
 * @param key    stable within its funnel: what a card stores; lower-case letters, digits, '-' and '_', 1..60
 * @param names  the stage's name by language tag ({@code en} required, {@code ru} expected)
 * @param order  position in the funnel, lower first
 * @param colour a CSS hex colour, {@code #rrggbb}
 */
public record FunnelStage(String key, Map<String, String> names, int order, String colour) {

    private static final Pattern KEY = Pattern.compile("[a-z0-9_-]{1,60}");
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    public FunnelStage {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("stage key must match " + KEY + ": " + key);
        }
        names = Map.copyOf(names);
        if (names.getOrDefault("en", "").isBlank()) {
            throw new IllegalArgumentException("stage " + key + " needs an English name");
        }
        if (colour == null || !COLOUR.matcher(colour).matches()) {
            throw new IllegalArgumentException("stage " + key + " colour must be #rrggbb: " + colour);
        }
    }

    /** The name in the locale's language, else English. */
    public String name(Locale locale) {
        String name = names.get(locale.getLanguage());
        return name == null || name.isBlank() ? names.get("en") : name;
    }
}
