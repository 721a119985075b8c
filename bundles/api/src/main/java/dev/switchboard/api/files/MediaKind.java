package dev.switchboard.api.files;

import java.util.Locale;

/** What a file is, as messengers tell media apart (MSG-1, MSG-2, INP-2, INP-3). */
public enum MediaKind {
    /** jpg, png, gif, webp, ... (a sticker is an image too) */
    IMAGE,
    VIDEO,
    /** music and voice messages */
    AUDIO,
    /** everything else: documents, presentations, archives */
    FILE;

    /** The kind of a content type detected from the bytes ({@code image/png} is an image). */
    public static MediaKind of(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("image/") && !type.startsWith("image/svg")) {
            return IMAGE;
        }
        if (type.startsWith("video/")) {
            return VIDEO;
        }
        if (type.startsWith("audio/")) {
            return AUDIO;
        }
        return FILE;
    }
}
