package dev.switchboard.console.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TabCountTest {

    @Test
    void INB2_countsBelowTheCapAreExactAndTheCapShowsAsAtLeast() {
        assertThat(MainLayout.countText(0)).isEqualTo("0");
        assertThat(MainLayout.countText(999)).isEqualTo("999");
        assertThat(MainLayout.countText(1000)).isEqualTo("999+");
    }
}
