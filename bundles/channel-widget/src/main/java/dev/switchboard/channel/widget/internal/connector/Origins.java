package dev.switchboard.channel.widget.internal.connector;

import java.net.IDN;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Web origins as the widget compares them (issue 10, "Safety"): {@code scheme://host[:port]} with the scheme and host
 * in lower case, an international host in its ASCII (punycode) form as browsers send it, and the scheme's default
 * port left out, so that {@code HTTPS://Shop.Example:443} and the browser's {@code https://shop.example} are one
 * origin. Anything with a path, a query, a user or a wildcard is not an origin.
 */
public final class Origins {

    private static final Pattern ORIGIN = Pattern.compile(
            "(?i)(https?)://(\\[[0-9a-f:.]+\\]|[^/:?#@\\[\\]\\s*]+)(?::(\\d{1,5}))?/?");

    private Origins() {
    }

    /** The origin in its compared form, or empty when {@code value} is not one. */
    public static Optional<String> normalise(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = ORIGIN.matcher(value.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String host;
        try {
            host = m.group(2).startsWith("[") ? m.group(2) : IDN.toASCII(m.group(2), IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.isEmpty() || host.startsWith(".") || host.endsWith(".") || host.contains("..")) {
            return Optional.empty();
        }
        String port = "";
        if (m.group(3) != null) {
            int number = Integer.parseInt(m.group(3));
            if (number < 1 || number > 65535) {
                return Optional.empty();
            }
            boolean standard = scheme.equals("http") ? number == 80 : number == 443;
            port = standard ? "" : ":" + number;
        }
        return Optional.of(scheme + "://" + host + port);
    }

    /** The origins of a setting, one per line, in their compared form; lines that are not origins are left out. */
    public static Set<String> parse(String lines) {
        Set<String> origins = new LinkedHashSet<>();
        if (lines != null) {
            lines.lines().map(Origins::normalise).flatMap(Optional::stream).forEach(origins::add);
        }
        return origins;
    }

    /** Whether {@code origin} (an {@code Origin} header's value) is one of {@code allowed} (compared forms). */
    public static boolean allowed(Set<String> allowed, String origin) {
        return normalise(origin).map(allowed::contains).orElse(false);
    }
}
