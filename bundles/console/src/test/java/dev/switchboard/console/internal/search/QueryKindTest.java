package dev.switchboard.console.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryKindTest {

    @Test
    void INB7_nothingTypedAsksForAQuery() {
        assertThat(QueryKind.of("")).isEqualTo(QueryKind.EMPTY);
        assertThat(QueryKind.of("   ")).isEqualTo(QueryKind.EMPTY);
        assertThat(QueryKind.of(null)).isEqualTo(QueryKind.EMPTY);
    }

    @Test
    void INB7_oneCharacterIsTooShortToSearch() {
        assertThat(QueryKind.of("a")).isEqualTo(QueryKind.TOO_SHORT);
        assertThat(QueryKind.of("  7 ")).isEqualTo(QueryKind.TOO_SHORT);
        // one character outside the basic plane is still one character
        assertThat(QueryKind.of("\uD83D\uDE00")).isEqualTo(QueryKind.TOO_SHORT);
    }

    @Test
    void INB7_twoCharactersAreSearched() {
        assertThat(QueryKind.of("Iv")).isEqualTo(QueryKind.SEARCHABLE);
        assertThat(QueryKind.of(" +7 ")).isEqualTo(QueryKind.SEARCHABLE);
    }
}
