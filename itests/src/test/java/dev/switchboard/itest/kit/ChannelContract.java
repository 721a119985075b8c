package dev.switchboard.itest.kit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import dev.switchboard.api.card.ContactDirectory;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.chat.ChatService;
import dev.switchboard.api.chat.ChatView;
import dev.switchboard.api.chat.ContactChats;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.chat.SendConditions;
import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.api.team.ProjectService;
import dev.switchboard.itest.ExamOptions;
import dev.switchboard.itest.Postgres;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The connector test kit's contract (architecture §4; INB-1, MSG-1, MSG-2): what every channel bundle must do
 * through the core's real {@code /hooks/<type>/<key>} endpoint, in the booted distribution on PostgreSQL. A
 * channel's test extends it, boots the distribution with its bundle ({@link #options}) and supplies what is
 * specific to its platform: how the platform signs a client's message, an edit, a receipt and a block, what a
 * forgery looks like, its handshake, and its bundle. The contract then proves that
 * <ul>
 *   <li>a forged call is refused with 401 or 403 and stores nothing;</li>
 *   <li>a redelivered call is stored once;</li>
 *   <li>while the channel's bundle is stopped the endpoint answers 503, and the platform's retry after the restart
 *       is stored (once);</li>
 *   <li>delivery and read receipts reach the message the team sent;</li>
 *   <li>a client's edit shows as edited with the original kept;</li>
 *   <li>a handshake is answered as the platform expects;</li>
 *   <li>a client who blocked the bot makes the chat unreachable, the composer says so and nothing can be sent,
 *       until the client writes again.</li>
 * </ul>
 * Each test runs on a new project with its own connection ({@link #connected}); the channel's outbound path must
 * accept the team's messages (its fake platform answers as a working one), since receipts name a sent message. A
 * channel that serves its own HTTP instead of the core's webhooks (the website widget) overrides {@link #send}.
 * Assertions are JUnit's: the tests run inside the container, where only JUnit is provisioned; the kit's helpers
 * ({@link Flows}, {@link Http}, {@link Await}, {@link Json}) use only the JDK and the API for the same reason.
 */
public abstract class ChannelContract {

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected ProjectService projects;

    @Inject
    protected MemberService members;

    @Inject
    protected ConnectionService connections;

    @Inject
    protected ChatService chats;

    @Inject
    protected ContactDirectory contacts;

    @Inject
    protected ContactChats contactChats;

    /** The distribution this container runs, on its own HTTP port. */
    protected Http http;

    protected Flows flows;

    /** This test's project, owner and connection of the channel. */
    protected Connected connected;

    // ------------------------------------------------------------------------------------------ the channel's part

    /** The channel type under test. */
    protected abstract String type();

    /** The settings of the connections the contract makes; none by default. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    /** The symbolic name of the bundle that registers the channel's connector: stopping it takes the type away. */
    protected abstract String bundle();

    /** Called with each new connection before the test, to set the fake platform up; nothing by default. */
    protected void prepare(Connected connection) throws Exception {
    }

    /** The platform's genuine call that carries the client's message {@code m}. */
    protected abstract Webhook message(Connected connection, ClientMessage m) throws Exception;

    /** A call that carries {@code m} but that the platform never made: a wrong secret, a signature that fails. */
    protected abstract Webhook forged(Connected connection, ClientMessage m) throws Exception;

    /** The platform's genuine call that says the client changed {@code original}'s text to {@code text}. */
    protected abstract Webhook edit(Connected connection, ClientMessage original, String text) throws Exception;

    /**
     * The platform's genuine call that says the team's message, known at the platform as {@code externalId} (what
     * the connector returned when it sent it), reached {@code state} ({@code DELIVERED} or {@code READ}). Never
     * asked when {@link #sendsReceipts()} says the platform has none.
     */
    protected abstract Webhook receipt(Connected connection, String user, String externalId, DeliveryState state)
            throws Exception;

    /** Whether the platform reports delivery or read receipts at all (Telegram's Bot API has none); yes by default. */
    protected boolean sendsReceipts() {
        return true;
    }

    /** The platform's genuine call that says the client blocked the bot (unsubscribed). */
    protected abstract Webhook blocked(Connected connection, String user) throws Exception;

    /** The platform's verification handshake, for platforms that have one. */
    protected abstract Optional<Handshake> handshake(Connected connection) throws Exception;

    // ----------------------------------------------------------------------------------------------- the options

    /**
     * The distribution on PostgreSQL database {@code db} (created afresh), its HTTP port told to the container, its
     * public address set to that port (webhook URLs and file links), and the outbox polling every second and pausing
     * a failing connection for a second, so that retries are seen in seconds; plus the channel's own options (its
     * features).
     */
    public static Option[] options(String db, List<Option> channel) throws SQLException {
        Postgres.recreate(db);
        int port = ExamOptions.freePort();
        List<Option> options = new ArrayList<>(ExamOptions.distribution(port));
        options.addAll(ExamOptions.postgres(db));
        options.add(systemProperty(Http.PORT).value(Integer.toString(port)));
        options.add(systemProperty("switchboard.version").value(System.getProperty("switchboard.version")));
        options.add(editConfigurationFilePut("etc/dev.switchboard.chat.cfg", "outbox.pollIntervalMs", "1000"));
        options.add(editConfigurationFilePut("etc/dev.switchboard.chat.cfg", "outbox.baseDelayMs", "1000"));
        options.add(editConfigurationFilePut("etc/dev.switchboard.chat.cfg", "outbox.failingPauseMs", "1000"));
        options.addAll(channel);
        return options.toArray(new Option[0]);
    }

    // ------------------------------------------------------------------------------------------------- the tests

    @Before
    public void connectANewProject() throws Exception {
        http = Http.local();
        flows = new Flows(projects, members, connections, chats, contacts, contactChats);
        connected = flows.connect(type(), settings());
        prepare(connected);
    }

    @Test
    public void INB1_aForgedWebhookIsRefusedWith401Or403AndStoresNothing() throws Exception {
        ClientMessage forgedMessage = ClientMessage.fromNewClient("Forged", "Send me your invoices, forged");
        HttpResponse<String> refused = send(forged(connected, forgedMessage));
        assertTrue("a forged call is refused with 401 or 403, not " + refused.statusCode(),
                refused.statusCode() == 401 || refused.statusCode() == 403);
        assertEquals("the forged message made no card", Optional.empty(),
                flows.contact(connected, forgedMessage.user()));

        // the same client's genuine message afterwards is the only one stored
        ClientMessage genuine = forgedMessage.next("Hello, this is really me");
        assertEquals(200, send(message(connected, genuine)).statusCode());
        ChatId chat = flows.awaitChat(connected, genuine.user());
        assertEquals(List.of(genuine.text()), flows.inboundTexts(connected, chat));
    }

    @Test
    public void INB1_aRedeliveredWebhookIsStoredOnce() throws Exception {
        ClientMessage m = ClientMessage.fromNewClient("Redelivered", "Is the blue one in stock?");
        Webhook call = message(connected, m);
        assertEquals(200, send(call).statusCode());
        assertEquals("a redelivery is answered 200 so that the platform stops", 200, send(call).statusCode());
        ChatId chat = flows.awaitChat(connected, m.user());
        assertEquals(List.of(m.text()), flows.inboundTexts(connected, chat));
    }

    @Test
    public void INB1_whileTheChannelBundleIsStoppedTheWebhookAnswers503_andThePlatformsRetryAfterTheRestartIsStored()
            throws Exception {
        ClientMessage m = ClientMessage.fromNewClient("Retried", "Are you open on Saturday?");
        Webhook call = message(connected, m);
        Bundle channel = bundle(bundle());
        channel.stop();
        try {
            HttpResponse<String> away = send(call);
            assertEquals("no connector of the type: the platform is asked to retry", 503, away.statusCode());
            assertEquals(Optional.empty(), flows.contact(connected, m.user()));
        } finally {
            channel.start();
        }
        // the platform retries until it is answered 200, and once more (its own redelivery)
        Await.until(() -> send(call).statusCode(), status -> status == 200);
        assertEquals(200, send(call).statusCode());
        ChatId chat = flows.awaitChat(connected, m.user());
        assertEquals(List.of(m.text()), flows.inboundTexts(connected, chat));
    }

    @Test
    public void MSG2_deliveryAndReadReceiptsReachTheSentMessage() throws Exception {
        Assume.assumeTrue(type() + " sends no receipts", sendsReceipts());
        ClientMessage m = ClientMessage.fromNewClient("Receipts", "When does my order ship?");
        ChatId chat = clientWrites(m);
        chats.take(chat, connected.owner());
        Message reply = chats.send(chat, connected.owner(), "It ships today", Optional.empty());
        Message sent = flows.awaitMessage(connected, chat, reply.id(),
                x -> x.delivery().equals(Optional.of(DeliveryState.SENT)) && x.externalId().isPresent());
        String externalId = sent.externalId().orElseThrow();

        // answered 200 only after the commit: what it changed is there at once
        assertEquals(200, send(receipt(connected, m.user(), externalId, DeliveryState.DELIVERED)).statusCode());
        assertEquals(Optional.of(DeliveryState.DELIVERED), flows.message(connected, chat, reply.id()).delivery());
        assertEquals(200, send(receipt(connected, m.user(), externalId, DeliveryState.READ)).statusCode());
        assertEquals(Optional.of(DeliveryState.READ), flows.message(connected, chat, reply.id()).delivery());
        // a late delivery receipt never moves a read message back
        assertEquals(200, send(receipt(connected, m.user(), externalId, DeliveryState.DELIVERED)).statusCode());
        assertEquals(Optional.of(DeliveryState.READ), flows.message(connected, chat, reply.id()).delivery());
    }

    @Test
    public void MSG1_aClientsEditShowsAsEditedWithTheOriginalKept() throws Exception {
        ClientMessage m = ClientMessage.fromNewClient("Edit", "I would like the red sofa");
        ChatId chat = clientWrites(m);
        Webhook edit = edit(connected, m, "I would like the green sofa");
        assertEquals(200, send(edit).statusCode());
        assertEquals("a redelivered edit is answered 200 too", 200, send(edit).statusCode());

        List<Message> inbound = flows.inbound(connected, chat);
        assertEquals("the edit changed the message, it added none", 1, inbound.size());
        Message edited = inbound.get(0);
        assertEquals("I would like the green sofa", edited.text());
        assertTrue("shown as edited", edited.editedAt().isPresent());
        assertEquals(Optional.of("I would like the red sofa"), edited.originalText());
    }

    @Test
    public void INB1_aHandshakeIsAnsweredAsThePlatformExpects() throws Exception {
        Optional<Handshake> handshake = handshake(connected);
        Assume.assumeTrue(type() + " has no handshake", handshake.isPresent());
        HttpResponse<String> answer = send(handshake.get().request());
        assertEquals(200, answer.statusCode());
        assertEquals(handshake.get().expectedAnswer(), answer.body());
    }

    @Test
    public void MSG2_aClientWhoBlockedTheBotMakesTheChatUnreachable_theComposerSaysSo_untilTheClientWritesAgain()
            throws Exception {
        ClientMessage m = ClientMessage.fromNewClient("Blocked", "Please stop writing to me");
        ChatId chat = clientWrites(m);
        chats.take(chat, connected.owner());

        assertEquals(200, send(blocked(connected, m.user())).statusCode());
        ChatView view = chats.get(chat, connected.owner());
        assertTrue("the chat shows the client unreachable", view.unreachable().isPresent());
        SendConditions conditions = chats.sendConditions(chat, connected.owner());
        assertEquals(Optional.of(SendConditions.Reason.CLIENT_UNREACHABLE),
                conditions.unavailable().map(SendConditions.Unavailable::reason));
        assertTrue("the chat says what happened", flows.history(connected, chat).stream()
                .anyMatch(x -> x.event().filter(SystemEvent.ClientUnreachable.class::isInstance).isPresent()));
        try {
            chats.send(chat, connected.owner(), "Are you still there?", Optional.empty());
            fail("a message to a client who blocked the bot was queued");
        } catch (Conflict expected) {
            // the composer's reason, before anything reaches the outbox
        }

        // the client writes again: reachable, the composer may send
        assertEquals(200, send(message(connected, m.next("Sorry, I need you after all"))).statusCode());
        assertEquals(Optional.empty(), chats.get(chat, connected.owner()).unreachable());
        assertEquals(Optional.empty(), chats.sendConditions(chat, connected.owner()).unavailable());
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** The platform's call, sent to this test's connection's webhook. */
    protected HttpResponse<String> send(Webhook webhook) throws Exception {
        return http.send(connected.webhookUrl(), webhook);
    }

    /** A client's message, answered 200; returns the chat it is in. */
    protected ChatId clientWrites(ClientMessage m) throws Exception {
        HttpResponse<String> answer = send(message(connected, m));
        assertEquals(answer.body(), 200, answer.statusCode());
        return flows.awaitChat(connected, m.user());
    }

    /** The installed bundle of this symbolic name. */
    protected Bundle bundle(String symbolicName) throws Exception {
        return Await.until(Duration.ofSeconds(60), () -> {
            for (Bundle b : bundleContext.getBundles()) {
                if (symbolicName.equals(b.getSymbolicName())) {
                    return Optional.of(b);
                }
            }
            return Optional.<Bundle>empty();
        }, Optional::isPresent).orElseThrow();
    }
}
