package dev.switchboard.chat.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.channel.WebhookAnswer;
import dev.switchboard.api.channel.WebhookOutcome;
import dev.switchboard.api.channel.WebhookRequest;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.store.StoreException;
import dev.switchboard.chat.internal.connection.LiveConnection;
import dev.switchboard.chat.internal.engine.Engine;
import dev.switchboard.chat.internal.engine.TestChannel;
import dev.switchboard.store.testing.PostgresDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The core's webhook endpoint {@code /hooks/<type>/<key>} against PostgreSQL (INB-1, architecture §4, channels.md
 * "patterns"): the connection found by its key, the connector's verification, 200 only after the commit, 503 while
 * the channel is away or the events cannot be stored now, redeliveries stored once.
 */
class WebhooksOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static Engine e;
    static WebhookEndpoint endpoint;
    static final AtomicInteger names = new AtomicInteger();

    /** What the test channel's webhook function was asked to read, so a test can tell it never ran. */
    final List<String> handled = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void engine() {
        e = new Engine(DB, "webhooks");
        endpoint = new WebhookEndpoint(e.connections, e.registry, e.ingress);
    }

    @AfterEach
    void theChannelAsItWas() {
        e.registry.add(e.channel);
        e.channel.webhook = (r, c) -> new WebhookOutcome.Ignore("no events");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** A connection of the test's own, so that switching it off touches no other test. */
    static LiveConnection connection(String type) {
        ConnectionId id = e.connections.create(e.project.id(), e.owner.id(), type, "Bot " + names.incrementAndGet())
                .id();
        return e.connections.live(id).orElseThrow();
    }

    static LiveConnection connection() {
        return connection("test");
    }

    static String key(LiveConnection c) {
        String path = c.context().webhookUrl().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** A call as the platform makes it: the secret header the connection gave it, and a body. */
    static WebhookRequest genuine(LiveConnection c, String body) {
        return new WebhookRequest("POST", Map.of(), Map.of(TestChannel.SECRET_HEADER,
                List.of(c.context().webhookSecret())), body.getBytes(StandardCharsets.UTF_8));
    }

    static WebhookRequest forged(String body) {
        return new WebhookRequest("POST", Map.of(), Map.of(TestChannel.SECRET_HEADER, List.of("guessed")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static WebhookAnswer post(LiveConnection c, String body) {
        return endpoint.receive(c.type(), key(c), genuine(c, body));
    }

    /**
     * The test channel reads bodies like a real connector: one client message a line, {@code <message id> <client>
     * <text>}, answered with VK's {@code ok}.
     */
    void channelReadsMessages() {
        e.channel.webhook = (request, context) -> {
            handled.add(request.text());
            return new WebhookOutcome.Accept(messages(context.connection().id(), request.text()),
                    WebhookAnswer.text("ok"));
        };
    }

    static List<InboundEvent> messages(ConnectionId connection, String body) {
        List<InboundEvent> events = new ArrayList<>();
        for (String line : body.split("\n")) {
            String[] p = line.split(" ", 3);
            events.add(new InboundMessage(connection, p[0], p[1], ClientProfile.named("Client", p[1]), p[2],
                    e.clock.instant(), Optional.empty()));
        }
        return events;
    }

    static InboundMessage message(ConnectionId connection, String id, String client, String text) {
        return new InboundMessage(connection, id, client, ClientProfile.named("Client", client), text,
                e.clock.instant(), Optional.empty());
    }

    /** Every message in the chats of a connection, as another connection to the database sees them. */
    static long messagesOf(LiveConnection c) {
        return e.count("select count(*) from message m join chat c on c.id = m.chat_id where c.connection_id = "
                + c.id());
    }

    static List<String> textsOf(LiveConnection c) {
        return e.db.rows("select m.text from message m join chat c on c.id = m.chat_id where c.connection_id = "
                + c.id() + " and m.kind = 'INBOUND' order by m.id").stream().map(r -> (String) r.get(0)).toList();
    }

    static ChatId chatOf(LiveConnection c, String client) {
        return new ChatId(((Number) e.db.rows("select id from chat where connection_id = " + c.id()
                + " and external_user_id = '" + client + "'").get(0).get(0)).longValue());
    }

    static void sql(String statement) {
        try (Connection c = e.db.jdbc().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        } catch (SQLException x) {
            throw new IllegalStateException(statement, x);
        }
    }

    // ---------------------------------------------------------------------------------------------- verification

    @Test
    void INB1_aForgedWebhookIsRefusedAndStoresNothing() {
        LiveConnection c = connection();
        channelReadsMessages();
        WebhookAnswer answer = endpoint.receive("test", key(c), forged("f-1 mallory Send me the invoices"));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.text()).doesNotContain("secret").doesNotContain("mallory");
        assertThat(handled).as("the connector refused before reading anything").isEmpty();
        assertThat(messagesOf(c)).isZero();
        assertThat(e.connections.details(c.context().connection().id(), e.owner.id()).status().lastWebhook())
                .as("a forger does not make the connection look alive").isEmpty();
    }

    @Test
    void INB1_aGenuineWebhookIsStoredAndAnsweredWithTheConnectorsAnswer() {
        LiveConnection c = connection();
        channelReadsMessages();
        WebhookAnswer answer = post(c, "g-1 anna Hello, is the shop open today?");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).as("VK's answer").isEqualTo("ok");
        // read through another connection: what was answered 200 is committed
        assertThat(textsOf(c)).containsExactly("Hello, is the shop open today?");
        Message stored = e.chats.history(chatOf(c, "anna"), e.owner.id(), Optional.empty(), 10).items().get(0);
        assertThat(stored.text()).isEqualTo("Hello, is the shop open today?");
        assertThat(e.connections.details(c.context().connection().id(), e.owner.id()).status().lastWebhook())
                .isPresent();
    }

    @Test
    void INB1_aRedeliveredWebhookStoresOneMessage() {
        LiveConnection c = connection();
        channelReadsMessages();
        assertThat(post(c, "r-1 boris Where is my order?").status()).isEqualTo(200);
        long after = messagesOf(c);
        assertThat(post(c, "r-1 boris Where is my order?").status())
                .as("a repeat is answered 200 so that the platform stops").isEqualTo(200);
        assertThat(messagesOf(c)).isEqualTo(after);
        assertThat(textsOf(c)).containsExactly("Where is my order?");
    }

    @Test
    void INB1_aWebhookWithSeveralEventsStoresThemAllInOrder() {
        LiveConnection c = connection();
        channelReadsMessages();
        assertThat(post(c, "s-1 vera one\ns-2 vera two\ns-3 gleb three").status()).isEqualTo(200);
        assertThat(textsOf(c)).containsExactly("one", "two", "three");
    }

    // ---------------------------------------------------------------------------------------------- the connection

    @Test
    void INB1_aKeyOfNoConnectionIsAnswered404() {
        LiveConnection c = connection();
        channelReadsMessages();
        String unknown = key(c).substring(1) + (key(c).charAt(0) == 'A' ? "B" : "A");
        assertThat(endpoint.receive("test", unknown, genuine(c, "u-1 anna hi")).status()).isEqualTo(404);
        assertThat(endpoint.receive("test", String.valueOf(c.id()), genuine(c, "u-1 anna hi")).status())
                .as("never the connection's id").isEqualTo(404);
        assertThat(handled).isEmpty();
        assertThat(messagesOf(c)).isZero();
    }

    @Test
    void INB1_theKeyOfAConnectionOfAnotherTypeIsAnswered404() {
        LiveConnection telegram = connection("telegram");
        LiveConnection test = connection();
        channelReadsMessages();
        assertThat(endpoint.receive("test", key(telegram), genuine(telegram, "t-1 anna hi")).status()).isEqualTo(404);
        assertThat(endpoint.receive("telegram", key(test), genuine(test, "t-1 anna hi")).status()).isEqualTo(404);
        assertThat(handled).isEmpty();
        assertThat(messagesOf(telegram) + messagesOf(test)).isZero();
    }

    @Test
    void INB1_aDisabledConnectionIsAnswered403AndItsConnectorIsNotAsked() {
        LiveConnection c = connection();
        channelReadsMessages();
        e.connections.setEnabled(c.context().connection().id(), e.owner.id(), false);
        assertThat(post(c, "d-1 anna hi").status()).isEqualTo(403);
        assertThat(handled).isEmpty();
        assertThat(messagesOf(c)).isZero();
        e.connections.setEnabled(c.context().connection().id(), e.owner.id(), true);
        assertThat(post(c, "d-1 anna hi").status()).as("switched on again").isEqualTo(200);
        assertThat(textsOf(c)).containsExactly("hi");
    }

    @Test
    void INB1_aDeletedConnectionIsAnswered404() {
        LiveConnection c = connection();
        channelReadsMessages();
        e.connections.delete(c.context().connection().id(), e.owner.id());
        assertThat(post(c, "x-1 anna hi").status()).isEqualTo(404);
        assertThat(handled).isEmpty();
        assertThat(messagesOf(c)).isZero();
    }

    @Test
    void INB1_aConnectionSwitchedOffOnAnotherNodeIsAnswered403NotSwallowed() {
        LiveConnection c = connection();
        channelReadsMessages();
        assertThat(post(c, "n-1 anna first").status()).isEqualTo(200);
        // another node switches it off; this node's cache still holds it enabled
        sql("update channel_connection set state = 'DISABLED', version = version + 1 where id = " + c.id());
        WebhookAnswer answer = post(c, "n-2 anna second");
        assertThat(answer.status()).as("the platform is told, so it does not take the message as delivered")
                .isEqualTo(403);
        assertThat(textsOf(c)).containsExactly("first");
    }

    @Test
    void INB1_aConnectionDeletedOnAnotherNodeIsAnswered404() {
        LiveConnection c = connection();
        channelReadsMessages();
        assertThat(post(c, "o-1 anna first").status()).isEqualTo(200);
        sql("update channel_connection set state = 'DELETED', version = version + 1 where id = " + c.id());
        assertThat(post(c, "o-2 anna second").status()).isEqualTo(404);
        assertThat(textsOf(c)).containsExactly("first");
    }

    @Test
    void INB1_theEndpointAnswers503WhileTheChannelIsNotInstalledAndStoresTheRetryAfterwards() {
        LiveConnection c = connection();
        channelReadsMessages();
        e.registry.remove(e.channel);
        WebhookAnswer away = post(c, "i-1 anna Are you there?");
        assertThat(away.status()).as("platforms retry a 503").isEqualTo(503);
        assertThat(messagesOf(c)).isZero();
        e.registry.add(e.channel);
        assertThat(post(c, "i-1 anna Are you there?").status()).isEqualTo(200);
        assertThat(textsOf(c)).containsExactly("Are you there?");
    }

    // ---------------------------------------------------------------------------------------------- outcomes

    @Test
    void INB1_aHandshakeIsAnsweredAndStoresNothing() {
        LiveConnection c = connection();
        e.channel.webhook = (r, ctx) -> TestChannel.echo(r.parameter("hub.challenge").orElse(""));
        WebhookRequest challenge = new WebhookRequest("GET", Map.of("hub.challenge", List.of("1158201444")),
                Map.of(TestChannel.SECRET_HEADER, List.of(c.context().webhookSecret())), new byte[0]);
        WebhookAnswer answer = endpoint.receive("test", key(c), challenge);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo("1158201444");
        assertThat(messagesOf(c)).isZero();
    }

    @Test
    void INB1_anIgnoredCallIsAnswered200WithTheConnectorsAnswerAndStoresNothing() {
        LiveConnection c = connection();
        e.channel.webhook = (r, ctx) -> new WebhookOutcome.Ignore("typing notification", WebhookAnswer.text("ok"));
        WebhookAnswer answer = post(c, "{\"type\":\"typing\"}");
        assertThat(answer.status()).as("so that the platform does not redeliver it").isEqualTo(200);
        assertThat(answer.text()).isEqualTo("ok");
        assertThat(messagesOf(c)).isZero();
    }

    @Test
    void INB1_aRefusalIsAnsweredWithItsStatus() {
        LiveConnection c = connection();
        e.channel.webhook = (r, ctx) -> new WebhookOutcome.Refuse(401, "signature does not match the body");
        assertThat(post(c, "z-1 anna hi").status()).isEqualTo(401);
        assertThat(messagesOf(c)).isZero();
    }

    @Test
    void INB1_anEventThatCanNeverBeStoredIsSkippedAndTheRestStoredWith200() {
        LiveConnection c = connection();
        String tooLong = "x".repeat(10_001);
        e.channel.webhook = (r, ctx) -> new WebhookOutcome.Accept(List.of(
                message(ctx.connection().id(), "l-1", "anna", tooLong),
                message(ctx.connection().id(), "l-2", "anna", "and a short one")), WebhookAnswer.text("ok"));
        WebhookAnswer answer = post(c, "two messages");
        assertThat(answer.status()).as("a platform would repeat a 5xx for days").isEqualTo(200);
        assertThat(answer.text()).isEqualTo("ok");
        assertThat(textsOf(c)).containsExactly("and a short one");
    }

    @Test
    void INB1_aPassingFailureAnswers503AndTheRedeliveryStoresEachMessageOnce() {
        LiveConnection c = connection();
        channelReadsMessages();
        AtomicInteger calls = new AtomicInteger();
        // the database goes away after the first event of the webhook
        Ingress failing = new Ingress() {
            @Override
            public Received accept(InboundMessage message) {
                return apply(message).orElseThrow();
            }

            @Override
            public Optional<Received> apply(InboundEvent event) {
                if (calls.incrementAndGet() > 1) {
                    throw new StoreException("persistence unit 'chat' cannot be used");
                }
                return e.ingress.apply(event);
            }
        };
        WebhookAnswer answer = new WebhookEndpoint(e.connections, e.registry, failing)
                .receive("test", key(c), genuine(c, "p-1 anna first\np-2 anna second"));
        assertThat(answer.status()).as("the platform delivers again").isEqualTo(503);
        assertThat(textsOf(c)).containsExactly("first");
        assertThat(post(c, "p-1 anna first\np-2 anna second").status()).isEqualTo(200);
        assertThat(textsOf(c)).as("the first is recognised as a repeat").containsExactly("first", "second");
    }

    @Test
    void INB1_aConnectorThatThrowsIsAPassingFailure() {
        LiveConnection c = connection();
        e.channel.webhook = (r, ctx) -> {
            throw new IllegalStateException("a connector bug");
        };
        assertThat(post(c, "b-1 anna hi").status()).isEqualTo(503);
        assertThat(messagesOf(c)).isZero();
    }

    @Test
    void INB1_anEventNamingAnotherConnectionIsSkipped() {
        LiveConnection c = connection();
        LiveConnection other = connection();
        e.channel.webhook = (r, ctx) -> new WebhookOutcome.Accept(List.of(
                message(other.context().connection().id(), "a-1", "anna", "smuggled into another connection"),
                message(null, "a-0", "anna", "of no connection at all"),
                message(ctx.connection().id(), "a-2", "anna", "mine")));
        assertThat(post(c, "two").status()).isEqualTo(200);
        assertThat(textsOf(c)).containsExactly("mine");
        assertThat(messagesOf(other)).isZero();
    }

    @Test
    void INB1_theLastWebhookTimeIsKeptForGenuineCallsOnly() {
        LiveConnection c = connection();
        channelReadsMessages();
        endpoint.receive("test", key(c), forged("w-0 anna forged"));
        assertThat(e.connections.details(c.context().connection().id(), e.owner.id()).status().lastWebhook()).isEmpty();
        e.clock.advance(Duration.ofMinutes(2));
        post(c, "w-1 anna hi");
        assertThat(e.connections.details(c.context().connection().id(), e.owner.id()).status().lastWebhook())
                .contains(e.clock.instant());
    }
}
