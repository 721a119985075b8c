package dev.switchboard.console.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.error.AlreadyTaken;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotAllowed;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.console.internal.i18n.ConsoleI18N;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ErrorTextTest {

    private final Texts english = new Texts(new ConsoleI18N(), Locale.ENGLISH);
    private final Texts russian = new Texts(new ConsoleI18N(), ConsoleI18N.RUSSIAN);

    @Test
    void DIST1_theLoserOfATakeIsToldWhoTookTheChat() {
        AlreadyTaken taken = new AlreadyTaken(new MemberId(2), "Dima");
        assertThat(ErrorText.of(taken, english)).isEqualTo("Dima took the chat");
        assertThat(ErrorText.of(taken, russian)).isEqualTo("Dima взял чат");
    }

    @Test
    void refusalsAreSaidInTheReadersLanguageNeverInTheLogsEnglish() {
        assertThat(ErrorText.of(new NotAllowed("DONE"), english)).isEqualTo("You cannot do this with the chat now.");
        assertThat(ErrorText.of(new NotAllowed("DONE"), russian)).startsWith("Сейчас");
        assertThat(ErrorText.of(new NotFound("chat", 5), english)).doesNotContain("chat not found: 5");
        assertThat(ErrorText.of(new InvalidInput("text", "too long"), english))
                .isEqualTo("The message is empty or too long.");
    }

    @Test
    void aKeyTheConsoleDoesNotKnowFallsBackToItsKindsText() {
        Conflict unknown = new Conflict("error.handoverPending", "a hand-over is pending", List.of());
        assertThat(ErrorText.of(unknown, english))
                .isEqualTo("Someone changed the chat at the same moment. Look again and retry.");
        assertThat(ErrorText.of(new InvalidInput("colour", "bad"), english)).isEqualTo("This input was not accepted.");
    }
}
