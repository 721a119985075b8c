package dev.switchboard.console.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ConnectionDetails;
import dev.switchboard.api.channel.ConnectionStatus;
import dev.switchboard.api.channel.SettingField;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.console.internal.i18n.ConsoleI18N;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionSettingsTest {

    private static final List<SettingField> ACME = List.of(
            SettingField.of("token", SettingField.Type.SECRET, true, "Bot token", "Токен бота"),
            SettingField.of("api", SettingField.Type.URL, false, "API address", "Адрес API")
                    .withDefault("https://api.acme.example"),
            SettingField.of("greeting", SettingField.Type.MULTILINE, false, "Greeting", "Приветствие"),
            SettingField.of("retries", SettingField.Type.NUMBER, true, "Retries", "Повторы").withDefault("3"),
            SettingField.of("verbose", SettingField.Type.BOOLEAN, false, "Verbose", "Подробно").withDefault("true"),
            SettingField.of("shop", SettingField.Type.TEXT, false, "Shop", "Магазин"));

    @Test
    void aNewConnectionStartsWithTheDefaultsAndNoSecret() {
        assertThat(ConnectionSettings.initial(ACME, Optional.empty())).containsExactly(entry("token", ""),
                entry("api", "https://api.acme.example"), entry("greeting", ""), entry("retries", "3"),
                entry("verbose", "true"), entry("shop", ""));
    }

    @Test
    void anExistingConnectionShowsItsValuesButNeverItsSecret() {
        ConnectionDetails stored = details(Map.of("api", "https://other.example", "retries", "5", "verbose", "false",
                "token", "leaked-if-shown"), Set.of("token"));

        Map<String, String> shown = ConnectionSettings.initial(ACME, Optional.of(stored));

        assertThat(shown).containsEntry("token", "").containsEntry("api", "https://other.example")
                .containsEntry("retries", "5").containsEntry("verbose", "false").containsEntry("shop", "");
        assertThat(shown.values()).doesNotContain("leaked-if-shown");
    }

    @Test
    void everyFieldIsSentStrippedWithBlankSecretsAndCheckboxesAsWords() {
        Map<String, String> entered = new LinkedHashMap<>();
        entered.put("token", "   ");
        entered.put("api", " https://x.example/v1 ");
        entered.put("greeting", "Hello\nthere\n");
        entered.put("retries", "4");
        entered.put("verbose", "TRUE");

        assertThat(ConnectionSettings.values(ACME, entered)).containsExactly(entry("token", ""),
                entry("api", "https://x.example/v1"), entry("greeting", "Hello\nthere"), entry("retries", "4"),
                entry("verbose", "true"), entry("shop", ""));
    }

    @Test
    void aStoredSecretMayBeLeftBlankANewOneMayNot() {
        Map<String, String> entered = Map.of("retries", "3");

        assertThat(ConnectionSettings.problems(ACME, entered, Set.of()))
                .containsExactly(entry("token", "settings.field.required"));
        assertThat(ConnectionSettings.problems(ACME, entered, Set.of("token"))).isEmpty();
    }

    @Test
    void theFormRefusesWhatTheCoreWouldRefuse() {
        Map<String, String> entered = Map.of("token", "a\nb", "api", "ftp://x.example", "retries", "three",
                "shop", "x".repeat(4001));

        assertThat(ConnectionSettings.problems(ACME, entered, Set.of())).containsExactly(
                entry("token", "settings.field.oneLine"), entry("api", "settings.field.url"),
                entry("retries", "settings.field.number"), entry("shop", "settings.field.tooLong"));
        assertThat(ConnectionSettings.problems(ACME, Map.of("token", "t", "api", "/relative", "retries", ""),
                Set.of())).containsExactly(entry("api", "settings.field.url"),
                entry("retries", "settings.field.required"));
    }

    @Test
    void theServicesRefusalNamesTheSettingAndItsReasonIsWordedByTheConsole() {
        assertThat(ConnectionSettings.settingOf("settings.token")).contains("token");
        assertThat(ConnectionSettings.settingOf("settings")).isEmpty();
        assertThat(ConnectionSettings.settingOf("name")).isEmpty();
        assertThat(ConnectionSettings.reasonKey("required")).contains("settings.field.required");
        assertThat(ConnectionSettings.reasonKey("an absolute http(s) address")).contains("settings.field.url");
        assertThat(ConnectionSettings.reasonKey("at most 4000 characters")).contains("settings.field.tooLong");
        assertThat(ConnectionSettings.reasonKey("Слишком короткий токен")).isEmpty();
        ConsoleI18N i18n = new ConsoleI18N();
        for (String key : List.of("settings.field.required", "settings.field.number", "settings.field.url",
                "settings.field.oneLine", "settings.field.boolean", "settings.field.tooLong")) {
            assertThat(i18n.has(key, Locale.ENGLISH)).as(key).isTrue();
            assertThat(i18n.getTranslation(key, ConsoleI18N.RUSSIAN)).as(key).matches(".*[А-Яа-яё].*");
        }
    }

    @Test
    void aNameIsOneTo120Characters() {
        assertThat(ConnectionSettings.validName("Support bot")).isTrue();
        assertThat(ConnectionSettings.validName("  ")).isFalse();
        assertThat(ConnectionSettings.validName("x".repeat(121))).isFalse();
    }

    @Test
    void aConnectionsAddressNamesItsIdOrNew() {
        assertThat(ConnectionView.connectionId("42")).contains(new ConnectionId(42));
        assertThat(ConnectionView.connectionId("new")).isEmpty();
        assertThat(ConnectionView.connectionId("0")).isEmpty();
        assertThat(ConnectionView.path(new ConnectionId(42))).isEqualTo("settings/channels/42");
    }

    private static ConnectionDetails details(Map<String, String> settings, Set<String> secrets) {
        return new ConnectionDetails(new ChannelConnection(new ConnectionId(7), new ProjectId(1), "acme", "Support"),
                new ConnectionStatus(ConnectionStatus.State.CONNECTED, Optional.empty(), Optional.empty(),
                        Optional.empty()), settings, secrets, URI.create("https://inbox.example/hooks/acme/k"), 3);
    }
}
