package dev.switchboard.console.internal.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CountriesTest {

    private static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    @Test
    void CARD6_countriesAreNamedInTheReadersLanguage() {
        assertThat(Countries.name("DE", Locale.ENGLISH)).isEqualTo("Germany");
        assertThat(Countries.name("DE", RUSSIAN)).isEqualTo("Германия");
        assertThat(Countries.name("de", Locale.ENGLISH)).isEqualTo("Germany");
    }

    @Test
    void CARD6_theListIsSortedByTheReadersNames() {
        List<String> english = Countries.sorted(Locale.ENGLISH);
        List<String> russian = Countries.sorted(RUSSIAN);

        assertThat(english).hasSizeGreaterThan(240).doesNotHaveDuplicates();
        assertThat(english.indexOf("AT")).isLessThan(english.indexOf("DE"));
        // Austria is «Австрия», Germany «Германия», Japan «Япония»: the Russian order follows the Russian names
        assertThat(russian.indexOf("AT")).isLessThan(russian.indexOf("DE"));
        assertThat(russian.indexOf("JP")).isGreaterThan(russian.indexOf("DE"));
        assertThat(russian.get(russian.size() - 1)).isIn("JP", "JM", "ZA");
    }

    @Test
    void CARD6_onlyIsoCodesAreCodes() {
        assertThat(Countries.code(" ru ")).contains("RU");
        assertThat(Countries.code("Russia")).isEmpty();
        assertThat(Countries.code(null)).isEmpty();
        assertThat(Countries.name("XX", Locale.ENGLISH)).isEqualTo("XX");
    }
}
