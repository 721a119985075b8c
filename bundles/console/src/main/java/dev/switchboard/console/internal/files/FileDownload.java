package dev.switchboard.console.internal.files;

import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.files.StoredFile;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the console answers for {@code GET <context>/files/<id>[/<name>]} (MSG-1, MSG-2, INP-2, INP-3, CARD-2),
 * decided without Vaadin or a servlet so that every rule is tested on its own.
 *
 * <p>A file goes only to a logged-in member of the file's project. Anyone else, an unknown id and a malformed one
 * get the same 404 as a file that never existed, never a 403, so that ids cannot be probed. No browser may run
 * what it gets: {@code nosniff}, a sandboxing CSP, and only {@link StoredFile#inline()} files (images and video,
 * never SVG, HTML or XML) are shown in the page; everything else is a download typed
 * {@code application/octet-stream}. One byte range is served (video players seek with it); several ranges get the
 * whole file, which HTTP allows.
 */
final class FileDownload {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";
    static final String DOWNLOAD_TYPE = "application/octet-stream";

    private static final String PREFIX = "/" + FileUrls.SEGMENT;
    /** Ids are positive longs: at most 19 digits, and no more is read from an address. */
    private static final int MAX_ID_DIGITS = 19;

    private FileDownload() {
    }

    /** The answer to one request. */
    sealed interface Answer permits NotOurs, NotFound, WrongMethod, Unsatisfiable, Serve {
    }

    /** Not a file address: the rest of the console handles it. */
    record NotOurs() implements Answer {
    }

    /** 404, for every reason a file is not given out. */
    record NotFound() implements Answer {
    }

    /** 405: files are only read. */
    record WrongMethod() implements Answer {
    }

    /** 416: the range asked for starts past the end of the file. */
    record Unsatisfiable(long size) implements Answer {
    }

    /**
     * The file, or the part of it asked for.
     *
     * @param status  200, or 206 for a part
     * @param body    false for HEAD
     * @param headers everything but the content type and length
     */
    record Serve(StoredFile file, int status, String contentType, long offset, long length, boolean body,
                 Map<String, String> headers) implements Answer {
        Serve {
            headers = Map.copyOf(headers);
        }
    }

    /** The part of a file to send; {@code partial} when a range was asked for and can be served. */
    record Part(long offset, long length, boolean partial) {
    }

    /**
     * @param pathInfo the request's path below the console's servlet ({@code /files/12/photo.jpg})
     * @param range    the request's {@code Range} header
     * @param loggedIn whether the browser's session has a logged-in viewer
     * @param member   whether that viewer is a member of a project now
     */
    static Answer answer(String method, String pathInfo, Optional<String> range, boolean loggedIn,
                         Predicate<ProjectId> member, FileStore files) {
        if (!isFileAddress(pathInfo)) {
            return new NotOurs();
        }
        boolean head = "HEAD".equals(method);
        if (!head && !"GET".equals(method)) {
            return new WrongMethod();
        }
        if (!loggedIn) {
            return new NotFound();
        }
        Optional<StoredFile> found = fileId(pathInfo).flatMap(files::find);
        if (found.isEmpty() || !member.test(found.get().project())) {
            return new NotFound();
        }
        StoredFile file = found.get();
        Optional<Part> part = part(range, file.size());
        if (part.isEmpty()) {
            return new Unsatisfiable(file.size());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        // no other site may embed a member's files with the member's cookies
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        headers.put("Cache-Control", "private");
        headers.put("Content-Disposition", contentDisposition(file.inline(), file.name()));
        headers.put("Accept-Ranges", "bytes");
        Part p = part.get();
        if (p.partial()) {
            headers.put("Content-Range", "bytes " + p.offset() + "-" + (p.offset() + p.length() - 1) + "/"
                    + file.size());
        }
        return new Serve(file, p.partial() ? 206 : 200, file.inline() ? file.contentType() : DOWNLOAD_TYPE,
                p.offset(), p.length(), !head, headers);
    }

    /** Whether the path is under {@code /files}, well-formed or not. */
    static boolean isFileAddress(String pathInfo) {
        return pathInfo != null && (pathInfo.equals(PREFIX) || pathInfo.startsWith(PREFIX + "/"));
    }

    /** The id in {@code /files/<id>} or {@code /files/<id>/<anything>}. */
    static Optional<FileId> fileId(String pathInfo) {
        if (!isFileAddress(pathInfo) || pathInfo.length() <= PREFIX.length() + 1) {
            return Optional.empty();
        }
        String rest = pathInfo.substring(PREFIX.length() + 1);
        int slash = rest.indexOf('/');
        String digits = slash < 0 ? rest : rest.substring(0, slash);
        if (!plainDigits(digits)) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(digits);
            return id > 0 ? Optional.of(new FileId(id)) : Optional.empty();
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /**
     * The part of a file of {@code size} bytes that a {@code Range} header asks for: the whole file without one, or
     * for one this answer does not serve (several ranges, other units, nonsense, which HTTP says to ignore); empty
     * when the range starts past the end.
     */
    static Optional<Part> part(Optional<String> header, long size) {
        Part whole = new Part(0, size, false);
        if (header.isEmpty()) {
            return Optional.of(whole);
        }
        String value = header.get().strip();
        if (!value.startsWith("bytes=") || value.indexOf(',') >= 0) {
            return Optional.of(whole);
        }
        String spec = value.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.of(whole);
        }
        String firstText = spec.substring(0, dash).strip();
        String lastText = spec.substring(dash + 1).strip();
        Optional<Long> first = number(firstText);
        Optional<Long> last = number(lastText);
        if (!firstText.isEmpty() && first.isEmpty() || !lastText.isEmpty() && last.isEmpty()) {
            return Optional.of(whole);
        }
        if (first.isEmpty()) {
            // "-500": the last 500 bytes
            if (last.isEmpty()) {
                return Optional.of(whole);
            }
            long suffix = Math.min(last.get(), size);
            return suffix == 0 ? Optional.empty() : Optional.of(new Part(size - suffix, suffix, true));
        }
        long from = first.get();
        if (last.isPresent() && last.get() < from) {
            return Optional.of(whole);
        }
        if (from >= size) {
            return Optional.empty();
        }
        long to = Math.min(last.orElse(size - 1), size - 1);
        return Optional.of(new Part(from, to - from + 1, true));
    }

    private static Optional<Long> number(String digits) {
        if (!plainDigits(digits)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(digits));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /** One to 19 ASCII digits: no sign, no spaces, nothing {@code Long.parseLong} would also take. */
    private static boolean plainDigits(String text) {
        return !text.isEmpty() && text.length() <= MAX_ID_DIGITS && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * The {@code Content-Disposition} of a file: {@code inline} or {@code attachment}, with the name both as a plain
     * ASCII fallback and in RFC 5987 form ({@code filename*=UTF-8''...}), so that any name arrives intact and none can
     * break out of the header.
     */
    static String contentDisposition(boolean inline, String name) {
        String shown = name == null || name.isBlank() ? "file" : name.strip();
        return (inline ? "inline" : "attachment") + "; filename=\"" + asciiFallback(shown) + "\"; filename*=UTF-8''"
                + rfc5987(shown);
    }

    /** Letters, digits, space, dot, dash and underscore of the name; anything else becomes an underscore. */
    static String asciiFallback(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' '
                    || c == '.' || c == '-' || c == '_';
            out.append(plain ? c : '_');
        }
        return out.toString();
    }

    /** RFC 5987 {@code value-chars}: the UTF-8 bytes, all but {@code attr-char} percent-encoded. */
    static String rfc5987(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean attrChar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            if (attrChar) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
