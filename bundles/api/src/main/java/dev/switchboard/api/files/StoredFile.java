package dev.switchboard.api.files;

import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.ProjectId;
import java.time.Instant;

/**
 * A file in the blob store.
 *
 * @param name        the file's name as the sender gave it, cleaned of invisible and direction-changing characters
 * @param contentType detected from the bytes, never taken from the name or the browser
 * @param size        in bytes
 */
public record StoredFile(FileId id, ProjectId project, String name, String contentType, long size, MediaKind kind,
                         Instant createdAt) {

    /**
     * Whether a browser may show the file in the page: images and video only; SVG and HTML never, since they can
     * run script in the console's origin. Everything else is served as a download.
     */
    public boolean inline() {
        return inline(kind, contentType);
    }

    /** The rule of {@link #inline()} for what a message knows of a file (its kind and detected type). */
    public static boolean inline(MediaKind kind, String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        return (kind == MediaKind.IMAGE || kind == MediaKind.VIDEO) && !type.contains("svg") && !type.contains("html")
                && !type.contains("xml");
    }
}
