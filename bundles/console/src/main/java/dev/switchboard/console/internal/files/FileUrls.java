package dev.switchboard.console.internal.files;

import dev.switchboard.api.domain.FileId;
import java.nio.charset.StandardCharsets;

/**
 * The console's addresses of stored files (MSG-1, MSG-2, INP-2, INP-3, CARD-2): {@code files/<id>} and
 * {@code files/<id>/<name>}, relative, because Vaadin's page has its base at the console's context root, so they
 * work under whatever context path the operator configured. {@link FileRequestHandler} serves them to members of
 * the file's project only; a platform's own URL of a file never reaches a browser.
 */
public final class FileUrls {

    /** The first path segment of a file's address under the console's context. */
    public static final String SEGMENT = "files";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FileUrls() {
    }

    /** The file's address, as an {@code img} or {@code video} source uses it. */
    public static String of(FileId file) {
        return SEGMENT + "/" + file;
    }

    /**
     * The file's address ending in its name, for links: a browser names a download or a tab after the last path
     * segment when nothing else tells it.
     */
    public static String named(FileId file, String name) {
        String segment = pathSegment(harmless(name == null ? "" : name.strip()));
        return segment.isEmpty() || segment.chars().allMatch(c -> c == '.') ? of(file) : of(file) + "/" + segment;
    }

    /**
     * The name with the characters that Jetty 12 refuses in a path even when escaped (separators, '%', ';', control
     * characters) replaced: the segment is only for the browser's title of the tab; the download's name comes from
     * {@code Content-Disposition}.
     */
    private static String harmless(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> out.appendCodePoint(c == '/' || c == '\\' || c == '%' || c == ';'
                || Character.isISOControl(c) ? '_' : c));
        return out.toString();
    }

    /** {@code text} as one path segment: every byte of its UTF-8 but RFC 3986's unreserved characters escaped. */
    static String pathSegment(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
