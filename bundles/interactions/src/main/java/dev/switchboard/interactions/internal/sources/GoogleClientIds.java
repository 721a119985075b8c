package dev.switchboard.interactions.internal.sources;

import dev.switchboard.api.error.InvalidInput;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Google Analytics client id (CARD-8b) from what a site reports: the {@code _ga} cookie's value
 * {@code GA1.<domain depth>[-<path depth>].<random>.<timestamp>} (Universal Analytics and GA4 alike, e.g.
 * {@code GA1.2.1234567890.1600000000}), or the bare client id {@code <random>.<timestamp>}. The client id is the
 * last two numbers; a device keeps it as long as its cookie lives.
 */
public final class GoogleClientIds {

    public static final String FIELD = "gaClientId";

    /** Far above any real cookie value (about 30 characters), far below the column's 64 for the client id. */
    static final int MAX_LENGTH = 100;

    private static final Pattern COOKIE = Pattern.compile("GA1\\.\\d{1,3}(?:-\\d{1,3})?\\.(\\d{1,20})\\.(\\d{1,20})");
    private static final Pattern BARE = Pattern.compile("(\\d{1,20})\\.(\\d{1,20})");

    private GoogleClientIds() {
    }

    /**
     * The client id in {@code value}.
     *
     * @throws InvalidInput on field {@value #FIELD} when the value is neither form
     */
    public static String clientId(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(FIELD, "missing");
        }
        String v = value.strip();
        if (v.length() > MAX_LENGTH) {
            throw new InvalidInput(FIELD, "longer than " + MAX_LENGTH + " characters");
        }
        Matcher m = COOKIE.matcher(v);
        if (!m.matches()) {
            m = BARE.matcher(v);
            if (!m.matches()) {
                throw new InvalidInput(FIELD, "not a _ga cookie value or Google Analytics client id");
            }
        }
        return m.group(1) + "." + m.group(2);
    }
}
