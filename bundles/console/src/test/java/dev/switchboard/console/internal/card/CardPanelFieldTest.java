package dev.switchboard.console.internal.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardPanelFieldTest {

    @Test
    void CARD6_anInvalidFieldNamedEitherWayFindsItsFormField() {
        assertThat(CardPanel.fieldName("email")).isEqualTo("email");
        assertThat(CardPanel.fieldName("first_name")).isEqualTo("firstName");
        assertThat(CardPanel.fieldName("lastName")).isEqualTo("lastName");
        assertThat(CardPanel.fieldName("personal.phone")).isEqualTo("phone");
        assertThat(CardPanel.fieldName(null)).isEmpty();
    }
}
