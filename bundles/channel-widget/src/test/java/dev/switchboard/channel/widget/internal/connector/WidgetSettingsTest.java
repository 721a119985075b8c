package dev.switchboard.channel.widget.internal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.channel.SettingField;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WidgetSettingsTest {

    private static final Locale RU = Locale.forLanguageTag("ru");

    private static Map<String, String> good() {
        Map<String, String> s = new HashMap<>();
        s.put("origins", "https://shop.example\nhttp://localhost:8181");
        return s;
    }

    @Test
    void WIDGET_goodSettingsHaveNoProblems() {
        Map<String, String> s = good();
        s.put("colour", "#A0b1C2");
        s.put("prechat.email", "required");
        s.put("prechat.name", "optional");
        s.put("identity-secret", "x".repeat(32));
        s.put("token-generation", "3");

        assertThat(WidgetSettings.validate(s, Locale.ENGLISH)).isEmpty();
    }

    @Test
    void WIDGET_eachBadSettingIsNamedInTheOwnersLanguage() {
        Map<String, String> s = new HashMap<>();
        s.put("origins", "https://shop.example/path");
        s.put("colour", "blue");
        s.put("prechat.phone", "always");
        s.put("identity-secret", "short");
        s.put("token-generation", "0");
        s.put("team-name", "x".repeat(81));

        Map<String, String> en = WidgetSettings.validate(s, Locale.ENGLISH);
        assertThat(en).containsOnlyKeys("origins", "colour", "prechat.phone", "identity-secret", "token-generation",
                "team-name");
        assertThat(en.get("origins")).contains("https://shop.example/path");
        assertThat(en.get("identity-secret")).contains("32");
        Map<String, String> ru = WidgetSettings.validate(s, RU);
        assertThat(ru.values()).allMatch(v -> v.matches("(?s).*[А-Яа-яё].*"));
    }

    @Test
    void WIDGET_aWildcardOriginIsRefusedWithItsOwnReason() {
        Map<String, String> s = good();
        s.put("origins", "https://shop.example\n*");

        assertThat(WidgetSettings.validate(s, Locale.ENGLISH).get("origins")).contains("*");
        s.put("origins", "   \n ");
        assertThat(WidgetSettings.validate(s, Locale.ENGLISH)).containsKey("origins");
    }

    @Test
    void WIDGET_emptySettingsTakeTheContractsDefaults() {
        WidgetSettings s = WidgetSettings.of(good());

        assertThat(s.teamName()).isEqualTo("Support");
        assertThat(s.colour()).isEqualTo("#1f6feb");
        assertThat(s.generation()).isEqualTo(1);
        assertThat(s.prechat("email")).isEqualTo(WidgetSettings.Need.OFF);
        assertThat(s.tool()).isEmpty();
        assertThat(s.identitySecret()).isEmpty();
        assertThat(s.consent(Locale.ENGLISH)).isEmpty();
        assertThat(s.offline(Locale.ENGLISH)).isEqualTo("We are away now and answer within a working day. Leave your"
                + " e-mail or phone so that we can reply.");
        assertThat(s.offline(RU)).startsWith("Сейчас нас нет");
        assertThat(s.greeting(Locale.GERMAN)).isEqualTo(s.greeting(Locale.ENGLISH));
    }

    @Test
    void WIDGET_theOwnersTextsAreTakenPerLanguage() {
        Map<String, String> m = good();
        m.put("greeting.en", "Hi there");
        m.put("greeting.ru", "Привет");
        m.put("consent.ru", "Отправляя сообщение, вы соглашаетесь с политикой");
        m.put("colour", "#ABCDEF");
        m.put("prechat.phone", "Required");
        m.put("tool", "winter-sale");
        m.put("token-generation", "4");
        WidgetSettings s = WidgetSettings.of(m);

        assertThat(s.greeting(Locale.ENGLISH)).isEqualTo("Hi there");
        assertThat(s.greeting(RU)).isEqualTo("Привет");
        assertThat(s.consent(Locale.ENGLISH)).isEmpty();
        assertThat(s.consent(RU)).hasValue("Отправляя сообщение, вы соглашаетесь с политикой");
        assertThat(s.colour()).isEqualTo("#abcdef");
        assertThat(s.prechat("phone")).isEqualTo(WidgetSettings.Need.REQUIRED);
        assertThat(s.tool()).hasValue("winter-sale");
        assertThat(s.generation()).isEqualTo(4);
    }

    @Test
    void WIDGET_everySettingHasEnglishAndRussianLabelsAndTheSecretIsASecret() {
        assertThat(WidgetSettings.FIELDS).extracting(SettingField::key).containsExactly("origins", "team-name",
                "colour", "greeting.en", "greeting.ru", "offline.en", "offline.ru", "consent.en", "consent.ru",
                "prechat.name", "prechat.email", "prechat.phone", "tool", "identity-secret", "token-generation");
        for (SettingField f : WidgetSettings.FIELDS) {
            assertThat(f.label(RU)).as(f.key()).doesNotStartWith("!").isNotEqualTo(f.label(Locale.ENGLISH));
            assertThat(f.help(Locale.ENGLISH)).as(f.key()).isNotBlank().doesNotStartWith("!");
        }
        assertThat(WidgetSettings.FIELDS.get(0).required()).isTrue();
        assertThat(WidgetSettings.FIELDS).filteredOn(f -> f.key().equals("identity-secret"))
                .extracting(SettingField::type).containsExactly(SettingField.Type.SECRET);
    }
}
