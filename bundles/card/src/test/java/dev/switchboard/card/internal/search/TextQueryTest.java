package dev.switchboard.card.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a typed text becomes search conditions (INB-7). */
class TextQueryTest {

    @Test
    void INB7_aPhoneNumberInAnyFormatBecomesE164() {
        assertThat(TextQuery.of("+7 (912) 345-67-89", "RU").orElseThrow().phone()).contains("+79123456789");
        assertThat(TextQuery.of("8 912 345 67 89", "RU").orElseThrow().phone()).contains("+79123456789");
        assertThat(TextQuery.of("9123456789", "RU").orElseThrow().phone()).contains("+79123456789");
        assertThat(TextQuery.of("345-67", "RU").orElseThrow().phone()).isEmpty();
        assertThat(TextQuery.of("Иван", "RU").orElseThrow().phone()).isEmpty();
    }

    @Test
    void INB7_aNumberWithSeparatorsIsAlsoSearchedByItsDigits() {
        assertThat(TextQuery.of("345-67", "RU").orElseThrow().digits()).contains("%34567%");
        assertThat(TextQuery.of("34567", "RU").orElseThrow().digits()).as("the text itself covers it").isEmpty();
        assertThat(TextQuery.of("8 912 345-67-89", "RU").orElseThrow().digits()).as("a whole number").isEmpty();
        assertThat(TextQuery.of("1-", "RU").orElseThrow().digits()).as("a single digit").isEmpty();
    }

    @Test
    void INB7_aWholeEmailIsLookedUpExactly() {
        assertThat(TextQuery.of(" Ivan@Mail.RU ", "RU").orElseThrow().email()).contains("ivan@mail.ru");
        assertThat(TextQuery.of("i_van@mail.ru", "RU").orElseThrow().emailLocal()).contains("%i!_van@%");
        assertThat(TextQuery.of("ivan@mail", "RU").orElseThrow().email()).isEmpty();
    }

    @Test
    void INB7_wildcardsAreEscaped() {
        assertThat(TextQuery.of("5%_!x", "RU").orElseThrow().like()).isEqualTo("%5!%!_!!x%");
    }

    @Test
    void INB7_fewerThanTwoCharactersFindNothing() {
        assertThat(TextQuery.of(" я ", "RU")).isEmpty();
        assertThat(TextQuery.of(null, "RU")).isEmpty();
        assertThat(TextQuery.of("яя", "RU")).map(TextQuery::like).isEqualTo(Optional.of("%яя%"));
    }
}
