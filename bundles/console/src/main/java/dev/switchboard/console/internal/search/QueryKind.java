package dev.switchboard.console.internal.search;

/**
 * What the Search tab does with the text in its box (INB-7): nothing typed yet (a hint), too little to search
 * (a hint: the search service finds nothing for fewer than two characters), or a search.
 */
public enum QueryKind {
    EMPTY,
    TOO_SHORT,
    SEARCHABLE;

    /** The fewest characters, after trimming, that the search service looks for. */
    public static final int MIN_LENGTH = 2;

    public static QueryKind of(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return EMPTY;
        }
        return trimmed.codePointCount(0, trimmed.length()) < MIN_LENGTH ? TOO_SHORT : SEARCHABLE;
    }
}
