package dev.switchboard.console.internal.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.interactions.Visit;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceTextTest {

    @Test
    void CARD8c_utmTagsAreListedInTheUsualOrderThenOthersByName() {
        Visit visit = new Visit(Instant.parse("2026-03-01T10:00:00Z"), Optional.of("https://shop.example/?x=1"),
                Optional.empty(), Map.of("campaign", "spring", "source", "google", "zz", "last", "medium", "cpc",
                "content", "banner", "aa", "first", "term", "shoes"));

        assertThat(SourceText.utm(visit)).containsExactly("source: google", "medium: cpc", "campaign: spring",
                "term: shoes", "content: banner", "aa: first", "zz: last");
    }

    @Test
    void CARD8c_emptyUtmValuesAreLeftOut() {
        assertThat(SourceText.utm(Map.of("source", " ", "medium", "email"))).containsExactly("medium: email");
        assertThat(SourceText.utm(Map.of())).isEmpty();
    }

    @Test
    void CARD8c_longAddressesKeepTheirStartAndEnd() {
        String url = "https://landing.example.com/offers/spring-sale?utm_source=google&utm_medium=cpc"
                + "&utm_campaign=a-very-long-campaign-name-indeed";
        String shown = SourceText.shortAddress(url);

        assertThat(shown).hasSize(SourceText.ADDRESS_LIMIT).startsWith("https://landing.example.com/")
                .endsWith("campaign-name-indeed").contains("…");
        assertThat(SourceText.shortAddress("https://a.example/")).isEqualTo("https://a.example/");
    }

    @Test
    void CARD8c_onlyWebAddressesBecomeLinks() {
        assertThat(SourceText.linkable("https://a.example/")).isTrue();
        assertThat(SourceText.linkable(" HTTP://a.example/")).isTrue();
        assertThat(SourceText.linkable("javascript:alert(1)")).isFalse();
        assertThat(SourceText.linkable("android-app://com.example")).isFalse();
    }

    @Test
    void CARD7_datesAreWrittenInTheReadersLanguage() {
        Instant at = Instant.parse("2026-03-15T12:00:00Z");

        assertThat(SourceText.date(at, Locale.ENGLISH)).contains("Mar").contains("2026");
        assertThat(SourceText.date(at, Locale.forLanguageTag("ru"))).contains("мар").contains("2026");
    }
}
