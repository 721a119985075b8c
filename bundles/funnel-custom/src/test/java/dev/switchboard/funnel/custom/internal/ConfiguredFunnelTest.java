package dev.switchboard.funnel.custom.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.api.funnel.FunnelStage;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ConfiguredFunnelTest {

    private static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    /** As a Karaf .cfg file gives it: the whole list in one string (continuation lines already joined). */
    private static final String REAL_ESTATE = "lead;Lead;Заявка;#90a4ae, "
            + "viewing-booked;Viewing booked;Показ назначен;#42a5f5, viewing-done;Viewing done;Показ проведён;#26a69a, "
            + "offer;Offer;Предложение;#ffb300, deal;Deal;Сделка;#43a047, moved-in;Moved in;Заселился;#8e24aa";

    @Test
    void CARD3_stagesAreReadInTheOrderGivenFromOneCommaSeparatedValue() throws Exception {
        ConfiguredFunnel funnel = ConfiguredFunnel.parse("realestate", "Real estate", "Недвижимость",
                new String[] {REAL_ESTATE});

        assertThat(funnel.key()).isEqualTo("realestate");
        assertThat(funnel.name(Locale.ENGLISH)).isEqualTo("Real estate");
        assertThat(funnel.name(RUSSIAN)).isEqualTo("Недвижимость");
        assertThat(funnel.stages())
                .extracting(FunnelStage::key, s -> s.name(Locale.ENGLISH), s -> s.name(RUSSIAN), FunnelStage::order,
                        FunnelStage::colour)
                .containsExactly(
                        tuple("lead", "Lead", "Заявка", 10, "#90a4ae"),
                        tuple("viewing-booked", "Viewing booked", "Показ назначен", 20, "#42a5f5"),
                        tuple("viewing-done", "Viewing done", "Показ проведён", 30, "#26a69a"),
                        tuple("offer", "Offer", "Предложение", 40, "#ffb300"),
                        tuple("deal", "Deal", "Сделка", 50, "#43a047"),
                        tuple("moved-in", "Moved in", "Заселился", 60, "#8e24aa"));
    }

    @Test
    void CARD3_stagesMayComeAsAnArrayAsConfigAdminClientsGiveThem() throws Exception {
        ConfiguredFunnel funnel = ConfiguredFunnel.parse("b2b", "B2B", "", new String[] {
                "call;Call;Звонок;#90A4AE", " meeting ; Meeting ; Встреча ; #42a5f5 ", "contract;Contract;Договор;#43a047"});

        assertThat(funnel.stages()).extracting(FunnelStage::key, FunnelStage::order, FunnelStage::colour)
                .containsExactly(tuple("call", 10, "#90a4ae"), tuple("meeting", 20, "#42a5f5"),
                        tuple("contract", 30, "#43a047"));
        assertThat(funnel.stages().get(1).name(RUSSIAN)).isEqualTo("Встреча");
    }

    @Test
    void CARD3_withoutRussianNamesTheEnglishOnesAreShown() throws Exception {
        ConfiguredFunnel funnel = ConfiguredFunnel.parse("b2b", "B2B", null,
                new String[] {"call;Call;;#90a4ae,"});

        assertThat(funnel.name(RUSSIAN)).isEqualTo("B2B");
        assertThat(funnel.stages()).singleElement().satisfies(s -> {
            assertThat(s.name(RUSSIAN)).isEqualTo("Call");
            assertThat(s.names()).containsOnlyKeys("en");
        });
    }

    @Test
    void CARD3_blankEntriesAreSkipped() throws Exception {
        ConfiguredFunnel funnel = ConfiguredFunnel.parse("b2b", "B2B", "",
                new String[] {"call;Call;;#90a4ae, , meeting;Meeting;;#42a5f5,", ""});

        assertThat(funnel.stages()).extracting(FunnelStage::key, FunnelStage::order)
                .containsExactly(tuple("call", 10), tuple("meeting", 20));
    }

    @Test
    void CARD3_aFunnelNeedsAValidKey() {
        assertInvalid(null, "B2B", "call;Call;;#90a4ae", "key is missing");
        assertInvalid("  ", "B2B", "call;Call;;#90a4ae", "key is missing");
        assertInvalid("Real Estate", "B2B", "call;Call;;#90a4ae",
                "key 'Real Estate' must be 1 to 60 lower-case letters, digits, '-' or '_'");
        assertInvalid("x".repeat(61), "B2B", "call;Call;;#90a4ae", "must be 1 to 60");
    }

    @Test
    void CARD3_aFunnelNeedsAnEnglishName() {
        assertInvalid("b2b", null, "call;Call;;#90a4ae", "name.en is missing");
        assertInvalid("b2b", " ", "call;Call;;#90a4ae", "name.en is missing");
    }

    @Test
    void CARD3_aFunnelNeedsAtLeastOneStage() {
        assertThatThrownBy(() -> ConfiguredFunnel.parse("b2b", "B2B", "", null))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("stages is missing");
        assertInvalid("b2b", "B2B", " , ", "stages is missing: give at least one entry "
                + "key;English name;Russian name;#rrggbb");
    }

    @Test
    void CARD3_anEntryWithoutFourFieldsIsNamedInTheError() {
        assertInvalid("b2b", "B2B", "call;Call;;#90a4ae, meeting;Meeting;#42a5f5",
                "stage 2 'meeting;Meeting;#42a5f5' must have 4 fields key;English name;Russian name;#rrggbb, has 3");
        assertInvalid("b2b", "B2B", "call;Call;Звонок;#90a4ae;extra", "must have 4 fields");
    }

    @Test
    void CARD3_aStageNeedsAValidUniqueKey() {
        assertInvalid("b2b", "B2B", "Call;Call;;#90a4ae",
                "stage 1 'Call;Call;;#90a4ae': key 'Call' must be 1 to 60 lower-case letters, digits, '-' or '_'");
        assertInvalid("b2b", "B2B", ";Call;;#90a4ae", "stage 1 ';Call;;#90a4ae': key ''");
        assertInvalid("b2b", "B2B", "call;Call;;#90a4ae, call;Call again;;#42a5f5",
                "stage 2 'call;Call again;;#42a5f5': key 'call' is used by an earlier stage");
    }

    @Test
    void CARD3_aStageNeedsAnEnglishName() {
        assertInvalid("b2b", "B2B", "call; ;Звонок;#90a4ae",
                "stage 1 'call; ;Звонок;#90a4ae': the English name is missing");
    }

    @Test
    void CARD3_aStageNeedsAHexColour() {
        assertInvalid("b2b", "B2B", "call;Call;;red", "stage 1 'call;Call;;red': colour 'red' must be # and six hex");
        assertInvalid("b2b", "B2B", "call;Call;;#90a4a", "colour '#90a4a'");
        assertInvalid("b2b", "B2B", "call;Call;;90a4ae", "colour '90a4ae'");
    }

    private static void assertInvalid(String key, String nameEn, String stages, String message) {
        assertThatThrownBy(() -> ConfiguredFunnel.parse(key, nameEn, "", new String[] {stages}))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining(message);
    }
}
