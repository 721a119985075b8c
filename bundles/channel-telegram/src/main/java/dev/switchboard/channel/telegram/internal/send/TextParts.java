package dev.switchboard.channel.telegram.internal.send;

import java.util.ArrayList;
import java.util.List;

/**
 * A text longer than one Telegram message ({@code sendMessage} takes 1 to 4,096 characters, counted as Java counts
 * them, in UTF-16 units) cut into messages of at most that length (MSG-2): at the last line break in the second half
 * of the piece, else at the last space there, else at the limit, never between the two halves of a surrogate pair
 * (an emoji). Breaks are dropped: a piece neither starts nor ends with white space.
 */
public final class TextParts {

    public static final int MAX = 4096;

    private TextParts() {
    }

    public static List<String> split(String text) {
        return split(text, MAX);
    }

    static List<String> split(String text, int max) {
        List<String> parts = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > max) {
            int cut = breakAt(rest, max);
            parts.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    private static int breakAt(String text, int max) {
        int line = text.lastIndexOf('\n', max);
        if (line >= max / 2) {
            return line + 1;
        }
        for (int i = max; i >= max / 2; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i + 1 > max ? i : i + 1;
            }
        }
        return Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    }
}
