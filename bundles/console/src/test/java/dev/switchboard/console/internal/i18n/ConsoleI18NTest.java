package dev.switchboard.console.internal.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConsoleI18NTest {

    private final ConsoleI18N i18n = new ConsoleI18N();

    @Test
    void everyEnglishTextHasARussianOneAndBack() throws IOException {
        assertThat(load("messages_ru.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("messages.properties").stringPropertyNames());
    }

    @Test
    void russianIsReadAsUtf8AndArgumentsAreFilledIn() {
        assertThat(i18n.getTranslation("tab.new", ConsoleI18N.RUSSIAN)).isEqualTo("Новые");
        assertThat(i18n.getTranslation("login.throttled", Locale.ENGLISH, "2 min 5 s"))
                .isEqualTo("Too many failed attempts. Try again in 2 min 5 s.");
    }

    @Test
    void otherLanguagesGetEnglishWhateverTheServersLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(ConsoleI18N.RUSSIAN);
            assertThat(i18n.getTranslation("tab.new", Locale.GERMAN)).isEqualTo("New");
        } finally {
            Locale.setDefault(before);
        }
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ConsoleI18N.class.getResourceAsStream(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
