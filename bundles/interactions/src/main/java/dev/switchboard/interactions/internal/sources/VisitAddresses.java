package dev.switchboard.interactions.internal.sources;

import dev.switchboard.api.error.InvalidInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The addresses of a visit (CARD-8c): the page's address and its referrer are absolute http(s) URIs, and the
 * page's UTM tags are read from its query.
 */
public final class VisitAddresses {

    static final int MAX_ADDRESS = 2000;
    static final int MAX_TAG = 200;

    /** The tags Google Analytics reads, by their name without the prefix. */
    private static final String[] TAGS = {"source", "medium", "campaign", "term", "content"};
    private static final String PREFIX = "utm_";

    private VisitAddresses() {
    }

    /**
     * The address to store: stripped, empty when blank (a browser reports no referrer as an empty string).
     *
     * @throws InvalidInput on {@code field} when it is not an absolute http(s) URI of at most 2000 characters
     */
    public static Optional<String> address(String field, Optional<String> value) {
        if (value == null || value.isEmpty() || value.get().isBlank()) {
            return Optional.empty();
        }
        String v = value.get().strip();
        if (v.length() > MAX_ADDRESS) {
            throw new InvalidInput(field, "longer than " + MAX_ADDRESS + " characters");
        }
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            throw new InvalidInput(field, "not a valid address");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new InvalidInput(field, "not an http or https address");
        }
        if (uri.getRawAuthority() == null || uri.getRawAuthority().isBlank()) {
            throw new InvalidInput(field, "has no host");
        }
        return Optional.of(v);
    }

    /**
     * The UTM tags of a valid address, by name without the prefix; only those present and not blank, decoded as
     * a form's query, each cut to 200 characters. The first occurrence of a tag wins.
     */
    public static Map<String, String> utm(Optional<String> address) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (address.isEmpty()) {
            return tags;
        }
        String query = URI.create(address.get()).getRawQuery();
        if (query == null) {
            return tags;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = decode(pair.substring(0, eq));
            if (name == null || !name.startsWith(PREFIX)) {
                continue;
            }
            String tag = name.substring(PREFIX.length());
            String value = decode(pair.substring(eq + 1));
            if (value == null || value.isBlank() || tags.containsKey(tag) || !known(tag)) {
                continue;
            }
            tags.put(tag, cut(value.strip()));
        }
        return tags;
    }

    private static boolean known(String tag) {
        for (String t : TAGS) {
            if (t.equals(tag)) {
                return true;
            }
        }
        return false;
    }

    /** Null when the part cannot be decoded; such a part is not a tag we can show. */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** At most {@value #MAX_TAG} characters, never splitting a surrogate pair. */
    static String cut(String value) {
        if (value.length() <= MAX_TAG) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(MAX_TAG - 1)) ? MAX_TAG - 1 : MAX_TAG;
        return value.substring(0, end);
    }
}
