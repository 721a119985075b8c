package dev.switchboard.card.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The search_text contract the Search tab relies on (INB-7): five lines, lower case, phone digits only. */
class SearchTextTest {

    @Test
    void INB7_fiveLinesLowerCasedWithThePhonesDigits() {
        assertThat(SearchText.of("Мария", "IVANOVA", "maria@example.com", "+79123456789", "Likes TEA"))
                .isEqualTo("мария\nivanova\nmaria@example.com\n79123456789\nlikes tea");
    }

    @Test
    void INB7_missingValuesAreEmptyLinesAndTheLineCountStaysFive() {
        assertThat(SearchText.of(null, null, null, null, null)).isEqualTo("\n\n\n\n");
        assertThat(SearchText.of("Anna", null, null, null, "two\nlines")).isEqualTo("anna\n\n\n\ntwo\nlines");
    }

    @Test
    void INB7_lowerCaseIgnoresTheMachinesLocale() {
        assertThat(SearchText.of("TITLE", null, null, null, null)).startsWith("title\n");
    }
}
