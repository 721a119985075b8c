package dev.switchboard.funnel.defaults.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.api.funnel.FunnelStage;
import java.util.Comparator;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DefaultFunnelTest {

    private final DefaultFunnel funnel = new DefaultFunnel();

    @Test
    void CARD3_theDefaultFunnelHasTheSixStagesOfTheSpecInOrder() {
        assertThat(funnel.key()).isEqualTo("default");
        assertThat(funnel.stages().stream().sorted(Comparator.comparingInt(FunnelStage::order)))
                .extracting(FunnelStage::key, s -> s.name(Locale.ENGLISH), FunnelStage::order)
                .containsExactly(
                        tuple("not-client", "Not a client", 10),
                        tuple("contacted", "Contacted", 20),
                        tuple("interested", "Interested", 30),
                        tuple("desire", "Desire", 40),
                        tuple("client", "Client", 50),
                        tuple("regular", "Regular client", 60));
    }

    @Test
    void CARD3_stagesAndTheFunnelAreNamedInRussian() {
        Locale russian = Locale.forLanguageTag("ru");
        assertThat(funnel.name(russian)).isEqualTo("Воронка по умолчанию");
        assertThat(funnel.name(Locale.ENGLISH)).isEqualTo("Default funnel");
        assertThat(funnel.stages()).extracting(s -> s.name(russian)).containsExactly(
                "Не клиент", "Обратился", "Заинтересован", "Желание", "Клиент", "Постоянный клиент");
    }

    @Test
    void CARD3_everyStageHasItsOwnColour() {
        assertThat(funnel.stages()).extracting(FunnelStage::colour).doesNotHaveDuplicates();
    }
}
