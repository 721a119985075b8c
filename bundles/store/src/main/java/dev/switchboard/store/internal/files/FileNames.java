package dev.switchboard.store.internal.files;

import dev.switchboard.api.error.InvalidInput;

/**
 * The sender's file name as it is kept and shown (INP-2, INP-3): only the last path segment (browsers and some
 * platforms send a path), without control characters, invisible characters and direction controls, which can
 * make {@code photo<U+202E>gpj.exe} look like {@code photoexe.jpg} or hide an extension behind a zero-width
 * space ({@code virus.e<U+200B>xe}), and without the trailing dots and spaces that Windows drops when it opens
 * a file ({@code virus.exe.} runs as {@code virus.exe}). The executable check reads this cleaned name.
 */
final class FileNames {

    static final int MAX_LENGTH = 255;

    private FileNames() {
    }

    /**
     * The cleaned name.
     *
     * @throws InvalidInput {@code file.name} when nothing is left or it is longer than 255 characters
     */
    static String clean(String raw) {
        if (raw == null) {
            throw new InvalidInput("file.name", "a file needs a name");
        }
        String segment = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder(segment.length());
        segment.codePoints().filter(c -> !hidden(c)).forEach(kept::appendCodePoint);
        int end = kept.length();
        while (end > 0 && (kept.charAt(end - 1) == '.' || Character.isWhitespace(kept.charAt(end - 1)))) {
            end--;
        }
        String name = kept.substring(0, end).strip();
        if (name.isEmpty()) {
            throw new InvalidInput("file.name", "a file needs a name");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidInput("file.name", "a file name may be at most " + MAX_LENGTH + " characters long");
        }
        return name;
    }

    /**
     * Characters that are never part of a name a person means: control characters, zero-width characters and
     * joiners (U+200B..U+200F, U+2060..U+2064, U+FEFF), direction embeddings, overrides and isolates
     * (U+202A..U+202E, U+2066..U+2069, U+061C), the soft hyphen and the Mongolian vowel separator.
     */
    static boolean hidden(int c) {
        return Character.isISOControl(c)
                || (c >= 0x200B && c <= 0x200F)
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2060 && c <= 0x2064)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0xFEFF || c == 0x061C || c == 0x00AD || c == 0x180E;
    }

    /** The name without its last extension, for a converted copy ({@code logo.png} becomes {@code logo}). */
    static String base(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
