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
    void INP2_INP3_refusedFilesAreExplainedInTheReadersLanguage() {
        assertThat(ErrorText.of(new InvalidInput("file.executable", "programs and scripts (.exe) are not accepted"),
                english)).isEqualTo("Programs and scripts cannot be sent.");
        assertThat(ErrorText.of(new InvalidInput("file.tooLarge", "images may be at most 3 MB"), russian))
                .isEqualTo("Файл больше, чем принимает этот канал.");
        for (String field : List.of("file.executable", "file.kind", "file.tooLarge", "file.empty", "file.name",
                "file.convert", "files")) {
            assertThat(ErrorText.of(new InvalidInput(field, "x"), english)).as(field)
                    .isNotEqualTo("This input was not accepted.");
            assertThat(ErrorText.of(new InvalidInput(field, "x"), russian)).as(field).matches(".*[А-Яа-яё].*");
        }
    }

    @Test
    void MSG2_aChatThatCannotTakeMessagesSaysWhyWithThePlatformsDetail() {
        Conflict unreachable = new Conflict("error.send.CLIENT_UNREACHABLE", "blocked the bot",
                List.of("blocked the bot"));
        assertThat(ErrorText.of(unreachable, english))
                .isEqualTo("The client cannot receive messages now (blocked the bot). Once they write again, you can"
                        + " answer.");
        Conflict window = new Conflict("error.send.WINDOW_CLOSED", "24 h", List.of("24 h"));
        assertThat(ErrorText.of(window, english)).contains("client's next message");
        for (String reason : List.of("CLIENT_UNREACHABLE", "WINDOW_CLOSED", "CONNECTION_DISABLED",
                "CONNECTION_DELETED")) {
            Conflict conflict = new Conflict("error.send." + reason, "detail", List.of("detail"));
            assertThat(ErrorText.of(conflict, russian)).as(reason).matches(".*[А-Яа-яё].*");
        }
    }

    @Test
    void aKeyTheConsoleDoesNotKnowFallsBackToItsKindsText() {
        Conflict unknown = new Conflict("error.handoverPending", "a hand-over is pending", List.of());
        assertThat(ErrorText.of(unknown, english))
                .isEqualTo("Someone changed the chat at the same moment. Look again and retry.");
        assertThat(ErrorText.of(new InvalidInput("colour", "bad"), english)).isEqualTo("This input was not accepted.");
    }
}
