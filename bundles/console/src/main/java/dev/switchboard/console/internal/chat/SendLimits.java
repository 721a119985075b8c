package dev.switchboard.console.internal.chat;

import dev.switchboard.api.chat.SendConditions;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.MediaKind;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A channel's sending rules in the reader's words, shown in the composer before anything is sent (INP-2, INP-3):
 * "Images up to 3 MB · video, audio and files up to 100 MB", "… · no images on this channel" (VK), "some images
 * go out as JPEG", and until when the messaging window lets the team reply. Kinds with the same limit are named
 * together so that the line stays short.
 */
public final class SendLimits {

    private static final List<MediaKind> ORDER = List.of(MediaKind.IMAGE, MediaKind.VIDEO, MediaKind.AUDIO,
            MediaKind.FILE);

    private SendLimits() {
    }

    /** The line under the composer's input for these conditions. */
    public static String describe(SendConditions conditions, Texts texts, ZoneId zone) {
        List<String> parts = new ArrayList<>();
        FileLimits files = conditions.files();
        Map<Long, List<MediaKind>> byLimit = new LinkedHashMap<>();
        List<MediaKind> refused = new ArrayList<>();
        for (MediaKind kind : ORDER) {
            files.of(kind).ifPresentOrElse(max -> byLimit.computeIfAbsent(max, key -> new ArrayList<>()).add(kind),
                    () -> refused.add(kind));
        }
        if (byLimit.isEmpty()) {
            parts.add(texts.text("limits.textOnly"));
        } else {
            byLimit.forEach((max, kinds) -> parts.add(texts.text("limits.upTo", kinds(kinds, "limits.and", texts),
                    FileSizes.format(max, texts))));
            if (!refused.isEmpty()) {
                parts.add(texts.text("limits.refused", kinds(refused, "limits.or", texts)));
            }
        }
        if (conditions.convertsImages() && files.accepts(MediaKind.IMAGE)) {
            parts.add(texts.text("limits.jpeg"));
        }
        if (conditions.unavailable().isEmpty()) {
            conditions.windowClosesAt().ifPresent(closes -> parts.add(texts.text("limits.window",
                    when(closes, texts.locale(), zone))));
        }
        return capitalised(String.join(" · ", parts), texts.locale());
    }

    /**
     * From how many characters on the composer shows its counter: the last tenth of the limit, at least the last
     * 50 characters.
     */
    public static int counterFrom(int maxTextLength) {
        return Math.max(0, maxTextLength - Math.max(50, maxTextLength / 10));
    }

    /** The kinds of file the browser's picker should offer for "all files" ({@code accept}); empty for any. */
    public static List<String> acceptedTypes(FileLimits files) {
        if (files.accepts(MediaKind.FILE)) {
            return List.of();
        }
        List<String> types = new ArrayList<>();
        if (files.accepts(MediaKind.IMAGE)) {
            types.add("image/*");
        }
        if (files.accepts(MediaKind.VIDEO)) {
            types.add("video/*");
        }
        if (files.accepts(MediaKind.AUDIO)) {
            types.add("audio/*");
        }
        return types;
    }

    private static String kinds(List<MediaKind> kinds, String conjunctionKey, Texts texts) {
        List<String> names = kinds.stream()
                .map(kind -> texts.text("limits.kind." + kind.name().toLowerCase(Locale.ROOT))).toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " " + texts.text(conjunctionKey) + " "
                + names.get(names.size() - 1);
    }

    private static String when(Instant at, Locale locale, ZoneId zone) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(locale).withZone(zone).format(at);
    }

    private static String capitalised(String text, Locale locale) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(locale) + text.substring(1);
    }
}
