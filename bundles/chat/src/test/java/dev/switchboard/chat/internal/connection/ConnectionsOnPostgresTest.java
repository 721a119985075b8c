package dev.switchboard.chat.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.channel.ChannelType;
import dev.switchboard.api.channel.ConnectResult;
import dev.switchboard.api.channel.ConnectionDetails;
import dev.switchboard.api.channel.ConnectionStatus;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotAllowed;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.Project;
import dev.switchboard.chat.internal.engine.Engine;
import dev.switchboard.store.testing.PostgresDatabase;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A project's channel connections on PostgreSQL (architecture §3, §4): settings checked against the connector's
 * fields, secrets sealed and never shown back, the connector's lifecycle, owners and admins only, and the cache
 * every part of the engine reads connections from.
 */
class ConnectionsOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static Engine e;
    static int names;

    @BeforeAll
    static void engine() {
        e = new Engine(DB, "connections");
    }

    @BeforeEach
    void channelAnswersConnected() {
        e.channel.connectAnswer = c -> ConnectResult.connected();
        e.channel.connects.clear();
        e.channel.disconnects.clear();
    }

    static String name() {
        return "Bot " + (++names);
    }

    @Test
    void theInstalledTypesAreOfferedWithTheirSettings() {
        assertThat(e.connections.types()).extracting(ChannelType::type).contains("test", "telegram", "widget");
        ChannelType test = e.connections.types().stream().filter(t -> t.type().equals("test")).findFirst()
                .orElseThrow();
        assertThat(test.settings()).extracting(f -> f.key()).containsExactly("token", "greeting", "site");
        assertThat(test.name(java.util.Locale.forLanguageTag("ru"))).isEqualTo("Тестовый канал");
    }

    @Test
    void aSecretIsStoredSealedAndNeverShownBack() {
        ConnectionDetails c = e.connections.create(e.project.id(), e.owner.id(), "test", name(),
                Map.of("token", "ok-123456", "site", "https://shop.example"));
        assertThat(c.settings()).containsEntry("site", "https://shop.example").containsEntry("greeting", "hello")
                .doesNotContainKey("token");
        assertThat(c.secretsSet()).containsExactly("token");
        String stored = (String) e.db.rows("select secrets from channel_connection where id = "
                + c.connection().id().value()).get(0).get(0);
        assertThat(stored).doesNotContain("ok-123456").startsWith("test-sealed:");
        assertThat(e.connections.live(c.connection().id()).orElseThrow().context().setting("token"))
                .contains("ok-123456");
        assertThat(c.webhookUrl().toString()).startsWith("https://inbox.example/hooks/test/")
                .doesNotContain(c.connection().id().toString() + "/");
    }

    @Test
    void settingsAreCheckedBeforeTheConnectorSeesThem() {
        assertThatThrownBy(() -> e.connections.create(e.project.id(), e.owner.id(), "test", name(),
                Map.of("site", "ftp://shop.example"))).isInstanceOfSatisfying(InvalidInput.class,
                x -> assertThat(x.field()).isEqualTo("settings.site"));
        assertThatThrownBy(() -> e.connections.create(e.project.id(), e.owner.id(), "test", name(),
                Map.of("colour", "red"))).isInstanceOfSatisfying(InvalidInput.class,
                x -> assertThat(x.field()).isEqualTo("settings"));
        assertThatThrownBy(() -> e.connections.create(e.project.id(), e.owner.id(), "test", name(),
                Map.of("token", "wrong"))).isInstanceOfSatisfying(InvalidInput.class, x -> {
                    assertThat(x.field()).isEqualTo("settings.token");
                    assertThat(x.arguments()).contains("the token is wrong");
                });
        assertThatThrownBy(() -> e.connections.create(e.project.id(), e.owner.id(), "viber", name(), Map.of()))
                .isInstanceOfSatisfying(InvalidInput.class, x -> assertThat(x.field()).isEqualTo("type"));
        assertThatThrownBy(() -> e.connections.create(e.project.id(), e.owner.id(), "test", " ", Map.of()))
                .isInstanceOfSatisfying(InvalidInput.class, x -> assertThat(x.field()).isEqualTo("name"));
    }

    @Test
    void TEAM1_onlyOwnersAndAdminsOfTheProjectManageConnections() {
        assertThatThrownBy(() -> e.connections.create(e.project.id(), e.vitaly.id(), "test", name(), Map.of()))
                .isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> e.connections.list(e.project.id(), e.dima.id())).isInstanceOf(NotAllowed.class);
        Project other = e.team.create("Other agency client");
        Member stranger = e.team.add(other.id(), "owner@other-client.example", "Stranger", Role.OWNER);
        // someone of another project learns nothing: as if the connection did not exist
        assertThatThrownBy(() -> e.connections.details(e.connection.id(), stranger.id()))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> e.connections.setEnabled(e.connection.id(), stranger.id(), false))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> e.connections.create(e.project.id(), stranger.id(), "test", name(), Map.of()))
                .isInstanceOf(NotFound.class);
        assertThat(e.connections.list(e.project.id(), e.admin.id())).extracting(d -> d.connection().id())
                .contains(e.connection.id());
    }

    @Test
    void theConnectorRegistersAConnectionAndItsStatusSaysHowItWent() {
        ConnectionDetails ok = e.connections.create(e.project.id(), e.owner.id(), "test", name(), Map.of());
        assertThat(ok.status().state()).isEqualTo(ConnectionStatus.State.CONNECTED);
        assertThat(e.channel.connects).containsExactly(ok.connection().name());

        e.channel.connectAnswer = c -> ConnectResult.failed("setWebhook: bad webhook: HTTPS url must be provided");
        ConnectionDetails failing = e.connections.create(e.project.id(), e.owner.id(), "test", name(), Map.of());
        assertThat(failing.status().state()).isEqualTo(ConnectionStatus.State.FAILING);
        assertThat(failing.status().lastError()).contains("setWebhook: bad webhook: HTTPS url must be provided");
        assertThat(failing.status().lastErrorAt()).isPresent();

        e.channel.connectAnswer = c -> ConnectResult.connected();
        assertThat(e.connections.reconnect(failing.connection().id(), e.admin.id()).status().state())
                .isEqualTo(ConnectionStatus.State.CONNECTED);
    }

    @Test
    void anEditKeepsABlankSecretAndLosesToAConcurrentEdit() {
        ConnectionDetails c = e.connections.create(e.project.id(), e.owner.id(), "test", name(),
                Map.of("token", "ok-first"));
        ConnectionDetails edited = e.connections.update(c.connection().id(), e.owner.id(), c.connection().name(),
                Map.of("token", "", "greeting", "hi there"), c.version());
        assertThat(edited.settings()).containsEntry("greeting", "hi there");
        assertThat(e.connections.live(c.connection().id()).orElseThrow().context().setting("token"))
                .contains("ok-first");
        assertThat(e.channel.disconnects).as("the same token: the same bot stays registered").isEmpty();
        assertThatThrownBy(() -> e.connections.update(c.connection().id(), e.admin.id(), "Renamed", Map.of(),
                c.version())).isInstanceOf(Conflict.class);

        ConnectionDetails newToken = e.connections.update(c.connection().id(), e.owner.id(), "Renamed",
                Map.of("token", "ok-second"), edited.version());
        assertThat(newToken.connection().name()).isEqualTo("Renamed");
        assertThat(e.channel.disconnects).as("another token may be another bot: the old one is let go")
                .containsExactly(c.connection().name());
        assertThat(e.connections.live(c.connection().id()).orElseThrow().context().setting("token"))
                .contains("ok-second");
    }

    @Test
    void aDisabledConnectionIsNotLiveForSendingAndComesBack() {
        ConnectionDetails c = e.connections.create(e.project.id(), e.owner.id(), "test", name(), Map.of());
        ConnectionDetails off = e.connections.setEnabled(c.connection().id(), e.owner.id(), false);
        assertThat(off.status().state()).isEqualTo(ConnectionStatus.State.DISABLED);
        assertThat(off.enabled()).isFalse();
        assertThat(e.channel.disconnects).containsExactly(c.connection().name());
        assertThat(e.connections.live(c.connection().id())).hasValueSatisfying(l -> assertThat(l.enabled()).isFalse());
        assertThatThrownBy(() -> e.connections.reconnect(c.connection().id(), e.owner.id()))
                .isInstanceOf(Conflict.class);
        ConnectionDetails on = e.connections.setEnabled(c.connection().id(), e.owner.id(), true);
        assertThat(on.status().state()).isEqualTo(ConnectionStatus.State.CONNECTED);
        assertThat(e.channel.connects).containsExactly(c.connection().name(), c.connection().name());
    }

    @Test
    void aDeletedConnectionKeepsItsChatsFailsWhatWasQueuedAndGivesItsNameBack() {
        ConnectionDetails c = e.connections.create(e.project.id(), e.owner.id(), "test", name(), Map.of());
        ConnectionId id = c.connection().id();
        String key = c.webhookUrl().getPath().substring(c.webhookUrl().getPath().lastIndexOf('/') + 1);
        ChatId chat = e.ingress.accept(new dev.switchboard.api.channel.InboundMessage(id, "d-1", "dora",
                dev.switchboard.api.channel.ClientProfile.named("Dora", null), "hello", e.clock.instant(),
                Optional.empty())).chat();
        e.chats.take(chat, e.vitaly.id());
        e.registry.remove(e.channel);
        Message queued;
        try {
            queued = e.chats.send(chat, e.vitaly.id(), "waiting for the channel", Optional.empty());
        } finally {
            e.registry.add(e.channel);
        }
        e.connections.delete(id, e.owner.id());

        assertThat(e.connections.find(id)).isEmpty();
        assertThat(e.connections.byWebhookKey(key)).isEmpty();
        assertThatThrownBy(() -> e.connections.details(id, e.owner.id())).isInstanceOf(NotFound.class);
        assertThat(e.chats.history(chat, e.owner.id(), Optional.empty(), 10).items())
                .filteredOn(m -> m.id().equals(queued.id())).singleElement().satisfies(m -> {
                    assertThat(m.delivery()).contains(DeliveryState.FAILED);
                    assertThat(m.failure()).contains("the channel connection was deleted");
                });
        assertThat(e.count("select count(*) from outbox where connection_id = " + id.value())).isZero();
        assertThat(e.chats.sendConditions(chat, e.vitaly.id()).unavailable()).hasValueSatisfying(u ->
                assertThat(u.reason()).isEqualTo(dev.switchboard.api.chat.SendConditions.Reason.CONNECTION_DELETED));
        assertThat(e.connections.create(e.project.id(), e.owner.id(), "test", c.connection().name(), Map.of())
                .connection().id()).isNotEqualTo(id);
    }

    @Test
    void aNameIsUniqueAmongTheProjectsConnections() {
        String n = name();
        e.connections.create(e.project.id(), e.owner.id(), "test", n, Map.of());
        assertThatThrownBy(() -> e.connections.create(e.project.id(), e.admin.id(), "test", n, Map.of()))
                .isInstanceOf(Conflict.class);
    }

    @Test
    void aConnectionIsFoundByItsWebhookKeyOnlyAndTheKeyIsUnguessable() {
        ConnectionDetails c = e.connections.create(e.project.id(), e.owner.id(), "test", name(), Map.of());
        String key = c.webhookUrl().getPath().substring(c.webhookUrl().getPath().lastIndexOf('/') + 1);
        assertThat(key).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
        assertThat(e.connections.byWebhookKey(key)).hasValueSatisfying(l ->
                assertThat(l.context().connection().id()).isEqualTo(c.connection().id()));
        assertThat(e.connections.byWebhookKey(c.connection().id().toString())).isEmpty();
        assertThat(e.connections.byWebhookKey(key.substring(1) + "x")).isEmpty();
        assertThat(e.connections.live(c.connection().id()).orElseThrow().context().webhookSecret())
                .hasSize(64).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void INB1_aChannelWithItsOwnHttpFindsOnlyASwitchedOnConnectionOfItsTypeByKey() {
        ConnectionDetails widget = e.connections.create(e.project.id(), e.owner.id(), "widget", name(),
                Map.of("token", "ok-widget"));
        ConnectionId id = widget.connection().id();
        String key = key(widget);
        assertThat(e.connections.byKey("widget", key)).hasValueSatisfying(ctx -> {
            assertThat(ctx.connection().id()).isEqualTo(id);
            assertThat(ctx.setting("token")).as("secrets decrypted").contains("ok-widget");
        });
        assertThat(e.connections.byId(id)).hasValueSatisfying(ctx -> assertThat(ctx.connection().id()).isEqualTo(id));
        assertThat(e.connections.byKey("test", key)).as("another type's key").isEmpty();
        assertThat(e.connections.byKey("widget", key(e.connections.details(e.connection.id(), e.owner.id()))))
                .as("a connection of another type").isEmpty();
        assertThat(e.connections.byKey("widget", key.substring(1) + "x")).isEmpty();
        assertThat(e.connections.byKey("widget", null)).isEmpty();

        e.connections.setEnabled(id, e.owner.id(), false);
        assertThat(e.connections.byKey("widget", key)).as("disabled").isEmpty();
        assertThat(e.connections.byId(id)).as("disabled").isEmpty();
        e.connections.setEnabled(id, e.owner.id(), true);
        assertThat(e.connections.byKey("widget", key)).isPresent();
        assertThat(e.connections.byId(id)).isPresent();

        e.connections.delete(id, e.owner.id());
        assertThat(e.connections.byKey("widget", key)).as("deleted").isEmpty();
        assertThat(e.connections.byId(id)).as("deleted").isEmpty();
    }

    @Test
    void INB1_aConnectionSwitchedOffOnAnotherNodeIsNoLongerFoundOnceTheCacheIsStale() {
        ConnectionDetails widget = e.connections.create(e.project.id(), e.owner.id(), "widget", name(), Map.of());
        String key = key(widget);
        assertThat(e.connections.byKey("widget", key)).isPresent();
        // another node switches it off: this node learns nothing but the row
        e.db.rows("update channel_connection set state = 'DISABLED', version = version + 1 where id = "
                + widget.connection().id().value() + " returning id");
        e.clock.advance(ConnectionDirectory.FRESH.plusSeconds(1));
        assertThat(e.connections.byKey("widget", key)).isEmpty();
        assertThat(e.connections.byId(widget.connection().id())).isEmpty();
    }

    static String key(ConnectionDetails c) {
        return c.webhookUrl().getPath().substring(c.webhookUrl().getPath().lastIndexOf('/') + 1);
    }

    @Test
    void aFailingConnectionShowsItsReasonUntilItWorksAgain() {
        ConnectionDetails c = e.connections.create(e.project.id(), e.owner.id(), "test", name(), Map.of());
        e.connections.failing(c.connection().id(), "Unauthorized: the bot token was revoked");
        ConnectionDetails failing = e.connections.details(c.connection().id(), e.owner.id());
        assertThat(failing.status().state()).isEqualTo(ConnectionStatus.State.FAILING);
        assertThat(failing.status().lastError()).contains("Unauthorized: the bot token was revoked");
        e.connections.working(c.connection().id());
        assertThat(e.connections.details(c.connection().id(), e.owner.id()).status().state())
                .isEqualTo(ConnectionStatus.State.CONNECTED);
    }

    @Test
    void theTimeOfTheLastWebhookIsKeptAtMostOnceAMinute() {
        ConnectionDetails c = e.connections.create(e.project.id(), e.owner.id(), "test", name(), Map.of());
        e.connections.webhookReceived(c.connection().id());
        var first = e.connections.details(c.connection().id(), e.owner.id()).status().lastWebhook();
        assertThat(first).isPresent();
        e.clock.advance(java.time.Duration.ofSeconds(30));
        e.connections.webhookReceived(c.connection().id());
        assertThat(e.connections.details(c.connection().id(), e.owner.id()).status().lastWebhook()).isEqualTo(first);
        e.clock.advance(java.time.Duration.ofSeconds(31));
        e.connections.webhookReceived(c.connection().id());
        assertThat(e.connections.details(c.connection().id(), e.owner.id()).status().lastWebhook())
                .isNotEqualTo(first);
    }
}
