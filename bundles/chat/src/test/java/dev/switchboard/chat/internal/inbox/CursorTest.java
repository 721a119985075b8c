package dev.switchboard.chat.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.error.InvalidInput;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void aCursorSurvivesEncodingWithNanoseconds() {
        Cursor c = new Cursor(Instant.parse("2026-11-25T10:15:30.123456789Z"), 4711);
        assertThat(Cursor.decode(c.encode())).isEqualTo(c);
    }

    @Test
    void aForgedCursorIsAClearError() {
        assertThatThrownBy(() -> Cursor.decode("bm9wZQ")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("cursor");
    }
}
