package dev.switchboard.channel.telegram.internal.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A long text as Telegram messages of at most 4,096 characters (MSG-2). */
class TextPartsTest {

    @Test
    void MSG2_aTextThatFitsIsOneMessage() {
        assertThat(TextParts.split("  Hello  ")).containsExactly("Hello");
        assertThat(TextParts.split("x".repeat(4096))).containsExactly("x".repeat(4096));
        assertThat(TextParts.split("   ")).isEmpty();
    }

    @Test
    void MSG2_aLongTextIsCutAtLineBreaks_thenAtSpaces_andNothingIsLost() {
        String paragraph = ("word ".repeat(150)).strip();
        String text = String.join("\n", List.of(paragraph, paragraph, paragraph, paragraph, paragraph, paragraph,
                paragraph, paragraph, paragraph, paragraph, paragraph, paragraph, paragraph));
        List<String> parts = TextParts.split(text);

        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
        assertThat(parts).allSatisfy(p -> assertThat(p).startsWith("word").endsWith("word"));
        assertThat(String.join("\n", parts)).isEqualTo(text);

        String oneLine = "word ".repeat(2000).strip();
        List<String> cut = TextParts.split(oneLine);
        assertThat(cut).hasSize(3).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
        assertThat(String.join(" ", cut)).isEqualTo(oneLine);
    }

    @Test
    void MSG2_aTextWithoutSpacesIsCutAtTheLimit_neverInsideAnEmoji() {
        String emoji = "\uD83D\uDE00";
        String text = "a" + emoji.repeat(3000);
        List<String> parts = TextParts.split(text);

        assertThat(parts).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(4096);
            assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse();
            assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse();
        });
        assertThat(String.join("", parts)).isEqualTo(text);
        assertThat(TextParts.split("y".repeat(10_000))).extracting(String::length).containsExactly(4096, 4096, 1808);
    }
}
