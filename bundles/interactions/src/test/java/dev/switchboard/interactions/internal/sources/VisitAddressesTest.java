package dev.switchboard.interactions.internal.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.error.InvalidInput;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Visit addresses and their UTM tags (CARD-8c). */
class VisitAddressesTest {

    @Test
    void CARD8c_utmTagsAreReadWithoutPrefixAndPercentDecoded() {
        Optional<String> url = VisitAddresses.address("url", Optional.of(
                "https://shop.example/spring?utm_source=newsletter&utm_medium=e%2Dmail&utm_campaign=spring+sale"
                        + "&utm_term=%D0%BF%D0%B8%D0%B6%D0%B0%D0%BC%D0%B0&gclid=xyz&utm_unknown=1#utm_content=no"));
        assertThat(VisitAddresses.utm(url)).isEqualTo(Map.of("source", "newsletter", "medium", "e-mail",
                "campaign", "spring sale", "term", "пижама"));
    }

    @Test
    void CARD8c_onlyPresentTagsAreListedAndTheFirstOfARepeatedTagWins() {
        Optional<String> url = Optional.of("http://a.example/?utm_source=&utm_medium=cpc&utm_medium=other&utm_content");
        assertThat(VisitAddresses.utm(url)).isEqualTo(Map.of("medium", "cpc"));
        assertThat(VisitAddresses.utm(Optional.of("http://a.example/landing"))).isEmpty();
        assertThat(VisitAddresses.utm(Optional.empty())).isEmpty();
    }

    @Test
    void CARD8c_longTagValuesAreCutTo200Characters() {
        Optional<String> url = Optional.of("https://a.example/?utm_campaign=" + "x".repeat(300));
        assertThat(VisitAddresses.utm(url).get("campaign")).hasSize(200);
        String emoji = "x".repeat(199) + "\uD83D\uDE00";
        assertThat(VisitAddresses.cut(emoji)).hasSize(199);
    }

    @Test
    void CARD8c_blankAddressesAreAbsentAndOthersStripped() {
        assertThat(VisitAddresses.address("referrer", Optional.of(""))).isEmpty();
        assertThat(VisitAddresses.address("referrer", Optional.empty())).isEmpty();
        assertThat(VisitAddresses.address("url", Optional.of(" https://a.example/x "))).contains("https://a.example/x");
        assertThat(VisitAddresses.address("url", Optional.of("HTTPS://a.example/"))).contains("HTTPS://a.example/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "/relative/path", "ftp://a.example/file", "javascript:alert(1)",
            "https:///no-host", "http://a.example/%zz", "mailto:someone@example.com", "https:opaque"})
    void CARD8c_anAddressMustBeAnAbsoluteHttpUri(String value) {
        assertThatThrownBy(() -> VisitAddresses.address("referrer", Optional.of(value)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("referrer"));
    }

    @Test
    void CARD8c_anAddressOfMoreThan2000CharactersIsInvalid() {
        String ok = "https://a.example/" + "p".repeat(2000 - 18);
        assertThat(VisitAddresses.address("url", Optional.of(ok))).contains(ok);
        assertThatThrownBy(() -> VisitAddresses.address("url", Optional.of(ok + "p")))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("url"));
    }
}
