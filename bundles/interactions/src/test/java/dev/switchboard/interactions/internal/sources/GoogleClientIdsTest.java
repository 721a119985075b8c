package dev.switchboard.interactions.internal.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.error.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading Google Analytics client ids from {@code _ga} cookie values (CARD-8b). */
class GoogleClientIdsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GA1.2.1234567890.1600000000          | 1234567890.1600000000
            GA1.1.987654321.1700000000           | 987654321.1700000000
            GA1.3.1.2                            | 1.2
            GA1.2-2.1234567890.1600000000        | 1234567890.1600000000
            1234567890.1600000000                | 1234567890.1600000000
            '  GA1.2.1234567890.1600000000  '    | 1234567890.1600000000
            """)
    void CARD8b_clientIdIsReadFromCookieValuesAndBareIds(String value, String clientId) {
        assertThat(GoogleClientIds.clientId(value)).isEqualTo(clientId);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', textBlock = """
            garbage
            GA1.2.1234567890.1600000000.42
            GA1.2.1234567890
            GA2.2.1234567890.1600000000
            GS1.1.1700000000.1.0.1700000000.0
            ga1.2.1234567890.1600000000
            GA1.x.1234567890.1600000000
            1234567890
            1234567890.1600000000.5
            1234567890.abc
            -1.5
            1234567890 .1600000000
            GA1.2.123456789012345678901.1600000000
            ''
            """)
    void CARD8b_anythingElseIsInvalid(String value) {
        assertThatThrownBy(() -> GoogleClientIds.clientId(value))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("gaClientId"));
    }

    @Test
    void CARD8b_tooLongAndMissingValuesAreInvalid() {
        assertThatThrownBy(() -> GoogleClientIds.clientId("1".repeat(60) + "." + "2".repeat(60)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.field()).isEqualTo("gaClientId");
                    assertThat(e.getMessage()).contains("longer than");
                });
        assertThatThrownBy(() -> GoogleClientIds.clientId(null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> GoogleClientIds.clientId("   ")).isInstanceOf(InvalidInput.class);
    }
}
