package dev.switchboard.console.internal.card;

import dev.switchboard.api.interactions.Visit;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the card writes contact sources and dates (CARD-7, CARD-8): dates in the reader's locale, a visit's UTM tags
 * in their usual order ({@code source, medium, campaign, term, content}, then any other, by name), and long
 * addresses shortened for a narrow column without losing their start and end.
 */
public final class SourceText {

    /** The order marketers read UTM tags in. */
    static final List<String> UTM_ORDER = List.of("source", "medium", "campaign", "term", "content");

    /** How many characters of an address a narrow column shows. */
    static final int ADDRESS_LIMIT = 60;

    private SourceText() {
    }

    /** Date and time, medium date and short time, in the reader's locale and the server's time zone. */
    public static String dateTime(Instant at, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(ZoneId.systemDefault()).format(at);
    }

    /** The date alone, medium style, in the reader's locale. */
    public static String date(Instant at, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneId.systemDefault()).format(at);
    }

    /** The visit's UTM tags as {@code name: value} pairs in the usual order; empty values are left out. */
    public static List<String> utm(Visit visit) {
        return utm(visit.utm());
    }

    static List<String> utm(Map<String, String> tags) {
        List<String> shown = new ArrayList<>();
        for (String name : UTM_ORDER) {
            pair(name, tags.get(name)).ifPresent(shown::add);
        }
        tags.keySet().stream().filter(name -> !UTM_ORDER.contains(name)).sorted()
                .forEach(name -> pair(name, tags.get(name)).ifPresent(shown::add));
        return shown;
    }

    private static Optional<String> pair(String name, String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(name + ": " + value.strip());
    }

    /** An address short enough for the card's column: its start and end around an ellipsis. */
    public static String shortAddress(String url) {
        String shown = url.strip();
        if (shown.length() <= ADDRESS_LIMIT) {
            return shown;
        }
        int tail = ADDRESS_LIMIT / 3;
        return shown.substring(0, ADDRESS_LIMIT - tail - 1) + "…" + shown.substring(shown.length() - tail);
    }

    /** Whether an address may be shown as a link: only web addresses, never {@code javascript:} or the like. */
    public static boolean linkable(String url) {
        String lower = url.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }
}
