package dev.switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.switchboard.api.card.Card;
import dev.switchboard.api.card.CardService;
import dev.switchboard.api.channel.ConnectionDetails;
import dev.switchboard.api.channel.ConnectionStatus;
import dev.switchboard.api.chat.Attachment;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.chat.SendConditions;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.itest.kit.Await;
import dev.switchboard.itest.kit.ChannelContract;
import dev.switchboard.itest.kit.ClientMessage;
import dev.switchboard.itest.kit.Connected;
import dev.switchboard.itest.kit.Handshake;
import dev.switchboard.itest.kit.Json;
import dev.switchboard.itest.kit.Webhook;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The test channel in the booted distribution on PostgreSQL, installed from the tests' own features repository:
 * first the connector test kit's contract ({@link ChannelContract}), then the channel platform's features a user or
 * a platform would notice (architecture §4; INB-1, MSG-1, MSG-2, INP-2, INP-3): inbound files fetched after the
 * webhook was answered, executables and oversized files refused with the reason, a PNG sent as JPEG through a
 * signed public link, the platform's rate limits and a refused token keeping messages waiting, a slow connection
 * holding up only itself, late failures and read watermarks, settings checked by the channel and registration at
 * the platform, and the whole hot-deploy cycle with messages flowing both ways.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ChannelPlatformIT extends ChannelContract {

    static final String DB = "switchboard_itest_channel_platform";

    @Inject
    FileStore files;

    @Inject
    CardService cards;

    private TestChannel channel;

    @Configuration
    public Option[] config() throws SQLException {
        return options(DB, List.of(ExamOptions.testChannel()));
    }

    // ------------------------------------------------------------------------------------------ the contract's part

    @Override
    protected String type() {
        return TestChannel.TYPE;
    }

    @Override
    protected String bundle() {
        return TestChannel.BUNDLE;
    }

    @Override
    protected void prepare(Connected connection) throws Exception {
        channel = new TestChannel(http);
        // the platform learned the secret when the connection was registered; a restarted bundle forgets it
        channel.secret(id(connection));
    }

    @Override
    protected Webhook message(Connected connection, ClientMessage m) throws Exception {
        return channel.signed(id(connection), event(m));
    }

    @Override
    protected Webhook forged(Connected connection, ClientMessage m) throws Exception {
        return channel.forged(id(connection), event(m));
    }

    @Override
    protected Webhook edit(Connected connection, ClientMessage original, String text) throws Exception {
        return channel.signed(id(connection), TestChannel.edited(original.id(), original.user(), text));
    }

    @Override
    protected Webhook receipt(Connected connection, String user, String externalId, DeliveryState state)
            throws Exception {
        return channel.signed(id(connection), TestChannel.receipt(externalId, state.name().toLowerCase(Locale.ROOT)));
    }

    @Override
    protected Webhook blocked(Connected connection, String user) throws Exception {
        return channel.signed(id(connection), TestChannel.blocked(user));
    }

    @Override
    protected Optional<Handshake> handshake(Connected connection) throws Exception {
        String challenge = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        return Optional.of(new Handshake(channel.handshake(id(connection), challenge), challenge));
    }

    // ------------------------------------------------------------------------------------ the platform's features

    @Test
    public void MSG1_aMessageWithFilesIsAnsweredAtOnce_andItsFilesArriveThroughTheFetchJob() throws Exception {
        String hold = UUID.randomUUID().toString();
        ClientMessage m = ClientMessage.fromNewClient("Files", "Here are the contract and a photo");
        Json event = event(m).put("files", List.of(
                TestChannel.file(held(channel.file("sample.pdf"), hold), "contract.pdf", "file"),
                TestChannel.file(channel.file("photo.jpg"), "photo.jpg", "image")));

        // the platform holds the PDF's download: the webhook is answered without waiting for it
        assertEquals(200, send(channel.signed(id(connected), event)).statusCode());
        ChatId chat = flows.awaitChat(connected, m.user());
        Message stored = single(flows.inbound(connected, chat));
        assertEquals(m.text(), stored.text());
        assertEquals(List.of("contract.pdf", "photo.jpg"), stored.attachments().stream().map(Attachment::name)
                .toList());
        assertEquals(Attachment.State.PENDING, stored.attachments().get(0).state());

        channel.release(hold);
        Message ready = flows.awaitMessage(connected, chat, stored.id(), x -> x.attachments().stream()
                .allMatch(a -> a.state() == Attachment.State.READY));
        Attachment pdf = ready.attachments().get(0);
        Attachment photo = ready.attachments().get(1);
        assertEquals("application/pdf", pdf.contentType());
        assertEquals(MediaKind.FILE, pdf.kind());
        assertEquals("image/jpeg", photo.contentType());
        assertEquals(MediaKind.IMAGE, photo.kind());
        // the team gets the platform's bytes, claimed for good in the project's store
        assertEquals(sha256(platformBytes("sample.pdf")), sha256(stored(pdf)));
        assertEquals(sha256(platformBytes("photo.jpg")), sha256(stored(photo)));
        StoredFile file = files.find(pdf.file().orElseThrow()).orElseThrow();
        assertEquals(connected.project(), file.project());
        assertEquals(platformBytes("sample.pdf").length, file.size());
    }

    @Test
    public void INP3_anExecutableNamedLikeAPdfIsRefusedWithTheReason_andAFileOverTheChannelsLimitIsNeverFetched()
            throws Exception {
        ClientMessage m = ClientMessage.fromNewClient("Refused", "Please pay the attached invoice");
        URI huge = URI.create(channel.file("bytes-1024.bin") + "?run=" + UUID.randomUUID());
        Json event = event(m).put("files", List.of(
                TestChannel.file(channel.file("invoice.pdf"), "invoice.pdf", "file"),
                TestChannel.file(huge, "holiday.mp4", "video").put("size", 25 * FileLimits.MB)));
        assertEquals(200, send(channel.signed(id(connected), event)).statusCode());
        ChatId chat = flows.awaitChat(connected, m.user());
        Message stored = single(flows.inbound(connected, chat));

        Message settled = flows.awaitMessage(connected, chat, stored.id(), x -> x.attachments().stream()
                .noneMatch(a -> a.state() == Attachment.State.PENDING));
        Attachment program = settled.attachments().get(0);
        assertEquals("invoice.pdf", program.name());
        assertEquals(Attachment.State.REFUSED, program.state());
        assertTrue("the team is told why: " + program.problem(),
                program.problem().orElse("").toLowerCase(Locale.ROOT).contains("program"));
        assertEquals(Optional.empty(), program.file());

        Attachment video = settled.attachments().get(1);
        assertEquals(Attachment.State.REFUSED, video.state());
        assertTrue("the team is told why", video.problem().isPresent());
        assertTrue("a file past the channel's 20 MB is not downloaded at all: " + channel.fetches(),
                channel.fetches().stream().noneMatch(f -> f.get("ref").equals(huge.toString())));
    }

    @Test
    public void INP2_aPngTheTeamSendsReachesTheChannelAsJpeg_fetchableByItsPublicLink_andATamperedLinkAnswers404()
            throws Exception {
        ClientMessage m = ClientMessage.fromNewClient("Picture", "Can you send me the floor plan?");
        ChatId chat = clientWrites(m);
        chats.take(chat, connected.owner());
        SendConditions conditions = chats.sendConditions(chat, connected.owner());
        assertTrue("the composer says images may be converted", conditions.convertsImages());
        assertEquals(Optional.of(3 * FileLimits.MB), conditions.files().of(MediaKind.IMAGE));

        StoredFile upload = chats.upload(chat, connected.owner(), "floor-plan.png",
                new ByteArrayInputStream(platformBytes("photo.png")));
        assertEquals("image/png", upload.contentType());
        Message reply = chats.send(chat, connected.owner(), "Here is the floor plan", List.of(upload.id()),
                Optional.empty());
        flows.awaitMessage(connected, chat, reply.id(), x -> x.delivery().equals(Optional.of(DeliveryState.SENT)));

        Map<String, String> delivered = single(sentOf(reply));
        assertEquals("Here is the floor plan", delivered.get("text"));
        assertEquals("1", delivered.get("files"));
        assertEquals("the channel takes JPEG and GIF only", "image/jpeg", delivered.get("file.0.type"));
        URI link = URI.create(delivered.get("file.0.url"));
        HttpResponse<byte[]> fetched = http.bytes(link);
        assertEquals(200, fetched.statusCode());
        assertEquals(Optional.of("image/jpeg"), fetched.headers().firstValue("Content-Type"));
        assertEquals("the link serves the bytes the connector sent", delivered.get("file.0.sha256"),
                sha256(fetched.body()));
        assertEquals((byte) 0xff, fetched.body()[0]);
        assertEquals((byte) 0xd8, fetched.body()[1]);

        assertEquals("a link whose token was changed is no link", 404, http.bytes(tampered(link)).statusCode());
    }

    @Test
    public void MSG2_aRateLimitedSendIsTriedAgainNoSoonerThanThePlatformAsked() throws Exception {
        ClientMessage m = ClientMessage.fromNewClient("RateLimit", "Is my parcel on its way?");
        ChatId chat = clientWrites(m);
        chats.take(chat, connected.owner());
        channel.mode(id(connected), "retryAfter:3");

        Message reply = chats.send(chat, connected.owner(), "Yes, it left this morning", Optional.empty());
        Message sent = flows.awaitMessage(connected, chat, reply.id(),
                x -> x.delivery().equals(Optional.of(DeliveryState.SENT)));
        assertEquals(Optional.empty(), sent.failure());

        List<Map<String, String>> tries = attemptsOf(reply);
        assertEquals(List.of("retry", "sent"), tries.stream().map(t -> t.get("result")).toList());
        Duration waited = Duration.between(Instant.parse(tries.get(0).get("at")),
                Instant.parse(tries.get(1).get("at")));
        assertTrue("retried after " + waited.toMillis() + " ms, the platform asked for 3 s",
                waited.compareTo(Duration.ofSeconds(3)) >= 0);
        assertEquals(1, sentOf(reply).size());
    }

    @Test
    public void MSG2_aConnectionWhoseTokenThePlatformRefusesShowsFailing_itsMessageWaits_andBothRecover()
            throws Exception {
        ClientMessage m = ClientMessage.fromNewClient("Failing", "Hello? Anyone?");
        ChatId chat = clientWrites(m);
        chats.take(chat, connected.owner());
        assertEquals(ConnectionStatus.State.CONNECTED, flows.details(connected).status().state());
        channel.mode(id(connected), "failing");

        Message reply = chats.send(chat, connected.owner(), "We are here", Optional.empty());
        ConnectionDetails failing = Await.until(() -> flows.details(connected),
                d -> d.status().state() == ConnectionStatus.State.FAILING);
        assertTrue("the owner sees why: " + failing.status().lastError(),
                failing.status().lastError().orElse("").contains("refuses the bot's token"));
        // the connection is tried again and again while the message keeps waiting, queued
        Await.until(() -> attemptsOf(reply), tries -> tries.size() >= 2);
        assertEquals(Optional.of(DeliveryState.QUEUED), flows.message(connected, chat, reply.id()).delivery());

        channel.mode(id(connected), "ok");
        flows.awaitMessage(connected, chat, reply.id(), x -> x.delivery().equals(Optional.of(DeliveryState.SENT)));
        Await.until(() -> flows.details(connected), d -> d.status().state() == ConnectionStatus.State.CONNECTED);
        Map<String, String> delivered = single(sentOf(reply));
        assertEquals("the waits used up no attempt of the message", "1", delivered.get("attempt"));
    }

    @Test
    public void architecture4_aSlowConnectionHoldsUpOnlyItself() throws Exception {
        ClientMessage m = ClientMessage.fromNewClient("Slow", "Hello from the slow bot's client");
        ChatId slowChat = clientWrites(m);
        chats.take(slowChat, connected.owner());
        Connected other = flows.connect(TestChannel.TYPE, Map.of());
        channel.secret(id(other));
        ClientMessage n = ClientMessage.fromNewClient("Fast", "Hello from the other bot's client");
        assertEquals(200, http.send(other.webhookUrl(), channel.signed(id(other), event(n))).statusCode());
        ChatId fastChat = flows.awaitChat(other, n.user());
        chats.take(fastChat, other.owner());
        channel.mode(id(connected), "slow:5000");

        Message slow = chats.send(slowChat, connected.owner(), "This one takes its time", Optional.empty());
        Await.until(channel::sending, sending -> sending.stream()
                .anyMatch(s -> s.get("message").equals(slow.id().toString())));
        Message fast = chats.send(fastChat, other.owner(), "This one does not wait for it", Optional.empty());
        flows.awaitMessage(other, fastChat, fast.id(), x -> x.delivery().equals(Optional.of(DeliveryState.SENT)));
        flows.awaitMessage(connected, slowChat, slow.id(), x -> x.delivery().equals(Optional.of(DeliveryState.SENT)));

        Instant slowDone = Instant.parse(single(sentOf(slow)).get("at"));
        Instant fastDone = Instant.parse(single(sentOf(fast)).get("at"));
        assertTrue("the other connection's message went out while the slow send was under way (" + fastDone
                + " before " + slowDone + ")", fastDone.isBefore(slowDone));
    }

    @Test
    public void MSG2_aLateFailureShowsTheReason_aRetrySendsItAgain_andAReadWatermarkReachesIt() throws Exception {
        ClientMessage m = ClientMessage.fromNewClient("Late", "Did you get my order?");
        ChatId chat = clientWrites(m);
        chats.take(chat, connected.owner());
        Message reply = chats.send(chat, connected.owner(), "Yes, it is confirmed", Optional.empty());
        String externalId = flows.awaitMessage(connected, chat, reply.id(),
                x -> x.delivery().equals(Optional.of(DeliveryState.SENT))).externalId().orElseThrow();

        Json failed = Json.object("type", "failed", "id", externalId, "refusal", "OTHER",
                "reason", "the operator's network lost it");
        assertEquals(200, send(channel.signed(id(connected), failed)).statusCode());
        Message shown = flows.message(connected, chat, reply.id());
        assertEquals(Optional.of(DeliveryState.FAILED), shown.delivery());
        assertTrue("the reason: " + shown.failure(), shown.failure().orElse("").contains("network lost it"));

        chats.retry(reply.id(), connected.owner());
        flows.awaitMessage(connected, chat, reply.id(), x -> x.delivery().equals(Optional.of(DeliveryState.SENT)));
        assertEquals(2, sentOf(reply).size());

        Json watermark = Json.object("type", "read", "user", m.user(), "state", "read",
                "up_to", Instant.now().plusSeconds(1).toString());
        assertEquals(200, send(channel.signed(id(connected), watermark)).statusCode());
        assertEquals(Optional.of(DeliveryState.READ), flows.message(connected, chat, reply.id()).delivery());
    }

    @Test
    public void CARD2_aProfileChangeRefreshesTheCardsNames_andItsPhotoIsFetchedIntoTheStore() throws Exception {
        ClientMessage m = ClientMessage.fromNewClient("Profile", "Hi, it is Vera");
        clientWrites(m);
        ContactId contact = flows.contact(connected, m.user()).orElseThrow();
        assertEquals(Optional.empty(), cards.card(contact, connected.owner()).photo());

        Json profile = Json.object("type", "profile", "user", m.user(), "first_name", "Vera", "last_name", "Sokolova",
                "photo", TestChannel.file(channel.file("photo.jpg"), "vera.jpg", "image"));
        assertEquals(200, send(channel.signed(id(connected), profile)).statusCode());
        Card card = cards.card(contact, connected.owner());
        assertEquals(Optional.of("Vera"), card.personal().firstName());
        assertEquals(Optional.of("Sokolova"), card.personal().lastName());
        FileId photo = Await.until(() -> cards.card(contact, connected.owner()).photo(), Optional::isPresent)
                .orElseThrow();
        StoredFile stored = files.find(photo).orElseThrow();
        assertEquals("image/jpeg", stored.contentType());
        assertEquals(connected.project(), stored.project());
    }

    @Test
    public void MSG2_aSendThePlatformRefusesBecauseTheClientBlockedTheBotFails_andMakesTheChatUnreachable()
            throws Exception {
        ClientMessage m = ClientMessage.fromNewClient("BlockedSend", "Thanks, bye");
        ChatId chat = clientWrites(m);
        chats.take(chat, connected.owner());
        channel.mode(id(connected), "blocked");

        Message reply = chats.send(chat, connected.owner(), "Anything else we can do?", Optional.empty());
        Message failed = flows.awaitMessage(connected, chat, reply.id(),
                x -> x.delivery().equals(Optional.of(DeliveryState.FAILED)));
        assertTrue("the reason: " + failed.failure(), failed.failure().orElse("").contains("blocked the bot"));
        assertEquals("refused for good: tried once", 1, attemptsOf(reply).size());
        assertTrue("the chat shows the client unreachable", chats.get(chat, connected.owner()).unreachable()
                .isPresent());
        assertEquals(Optional.of(SendConditions.Reason.CLIENT_UNREACHABLE), chats.sendConditions(chat,
                connected.owner()).unavailable().map(SendConditions.Unavailable::reason));
    }

    @Test
    public void MSG2_aClientWhoAllowsMessagesAgainIsReachableWithoutWriting() throws Exception {
        ClientMessage m = ClientMessage.fromNewClient("Unblocked", "Do not write to me for a while");
        ChatId chat = clientWrites(m);
        assertEquals(200, send(blocked(connected, m.user())).statusCode());
        assertTrue(chats.get(chat, connected.owner()).unreachable().isPresent());

        assertEquals(200, send(channel.signed(id(connected), Json.object("type", "unblocked", "user", m.user())))
                .statusCode());
        assertEquals(Optional.empty(), chats.get(chat, connected.owner()).unreachable());
        assertEquals(Optional.empty(), chats.sendConditions(chat, connected.owner()).unavailable());
        assertEquals("no message of the client's was added", List.of(m.text()), flows.inboundTexts(connected, chat));
    }

    @Test
    public void INB1_aBodyThePlatformNeverSendsIsAnswered200AndStoresNothing_andAWrongVerifyTokenIsRefused()
            throws Exception {
        String user = "client-" + UUID.randomUUID();
        assertEquals(200, send(channel.signed(id(connected), "{\"type\":\"message\",\"user\":")).statusCode());
        assertEquals(200, send(channel.signed(id(connected), Json.object("type", "sticker", "user", user)))
                .statusCode());
        assertEquals("a message without its id", 200,
                send(channel.signed(id(connected), Json.object("type", "message", "user", user, "text", "Hi")))
                        .statusCode());
        assertEquals(Optional.empty(), flows.contact(connected, user));

        HttpResponse<String> handshake =
                send(Webhook.get("hub.mode=subscribe&hub.verify_token=guessed&hub.challenge=42"));
        assertEquals(403, handshake.statusCode());
        assertFalse(handshake.body().contains("42"));
    }

    @Test
    public void architecture4_settingsAreCheckedByTheChannel_secretsAreNeverShownBack_andTheConnectionIsRegistered()
            throws Exception {
        try {
            connections.create(connected.project(), connected.owner(), TestChannel.TYPE, "Wrong token",
                    Map.of("token", "abc-123"));
            fail("a token the platform does not know was saved");
        } catch (InvalidInput expected) {
            assertEquals("settings.token", expected.field());
        }
        ConnectionDetails shop = connections.create(connected.project(), connected.owner(), TestChannel.TYPE,
                "Shop bot", Map.of("token", "ok-shop-token", "site", "https://shop.example"));
        long shopId = shop.connection().id().value();
        assertEquals(ConnectionStatus.State.CONNECTED, shop.status().state());
        assertTrue(shop.secretsSet().contains("token"));
        assertEquals("https://shop.example", shop.settings().get("site"));
        assertFalse("a secret is never shown back: " + shop.settings(),
                shop.settings().containsValue("ok-shop-token"));
        Webhook toShop = channel.signed(shopId, event(ClientMessage.fromNewClient("Shop", "Hello shop")));

        channel.connectMode("fail:the test platform is down for maintenance");
        try {
            ConnectionDetails refused = connections.reconnect(shop.connection().id(), connected.owner());
            assertEquals(ConnectionStatus.State.FAILING, refused.status().state());
            assertTrue("the owner sees why: " + refused.status().lastError(),
                    refused.status().lastError().orElse("").contains("down for maintenance"));
        } finally {
            channel.connectMode("ok");
        }
        assertEquals(ConnectionStatus.State.CONNECTED,
                connections.reconnect(shop.connection().id(), connected.owner()).status().state());

        connections.setEnabled(shop.connection().id(), connected.owner(), false);
        Map<String, String> registered = channel.connections().stream()
                .filter(c -> c.get("connection").equals(Long.toString(shopId))).findFirst().orElseThrow();
        assertEquals("created and registered twice again", "3", registered.get("connects"));
        assertEquals("switched off: unregistered at the platform", "1", registered.get("disconnects"));
        assertEquals(shop.webhookUrl().toString(), registered.get("webhook"));
        assertEquals("a switched-off connection refuses its webhooks", 403,
                http.send(shop.webhookUrl(), toShop).statusCode());
    }

    @Test
    public void architecture4_aChannelUpdatedWhileMessagesFlow_losesNothingAndSendsNothingTwice() throws Exception {
        ClientMessage m = ClientMessage.fromNewClient("HotDeploy", "I have a few questions");
        ChatId chat = clientWrites(m);
        chats.take(chat, connected.owner());
        Message before = chats.send(chat, connected.owner(), "Ask away", Optional.empty());
        flows.awaitMessage(connected, chat, before.id(), x -> x.delivery().equals(Optional.of(DeliveryState.SENT)));
        assertEquals(1, sentOf(before).size());

        List<ClientMessage> questions = List.of(m.next("What does delivery cost?"), m.next("Do you deliver on Sunday?"),
                m.next("Can I pay by card?"));
        List<Webhook> calls = new ArrayList<>();
        for (ClientMessage q : questions) {
            calls.add(message(connected, q));
        }
        List<Message> whileAway = new ArrayList<>();
        Bundle bundle = bundle(TestChannel.BUNDLE);
        bundle.stop();
        try {
            for (Webhook call : calls) {
                assertEquals(503, send(call).statusCode());
            }
            whileAway.add(chats.send(chat, connected.owner(), "Delivery is free", Optional.empty()));
            whileAway.add(chats.send(chat, connected.owner(), "Yes, on Sundays too", Optional.empty()));
            // nothing can take them: they wait in the outbox, not failed
            Await.during(Duration.ofSeconds(3), () -> whileAway.stream()
                            .map(x -> flows.message(connected, chat, x.id()).delivery()).toList(),
                    states -> states.stream().allMatch(s -> s.equals(Optional.of(DeliveryState.QUEUED))));
            assertEquals(List.of(m.text()), flows.inboundTexts(connected, chat));
        } finally {
            bundle.start();
        }

        // the platform retries each call until it is answered 200, and redelivers one once more
        for (Webhook call : calls) {
            Await.until(() -> send(call).statusCode(), status -> status == 200);
        }
        assertEquals(200, send(calls.get(0)).statusCode());
        List<String> expected = new ArrayList<>(List.of(m.text()));
        questions.forEach(q -> expected.add(q.text()));
        assertEquals(expected, flows.inboundTexts(connected, chat));

        // the outbox drains through the restarted channel: each waiting message once, the earlier one not again
        for (Message x : whileAway) {
            flows.awaitMessage(connected, chat, x.id(), y -> y.delivery().equals(Optional.of(DeliveryState.SENT)));
        }
        TestChannel restarted = new TestChannel(http);
        List<Map<String, String>> sent = restarted.sent().stream()
                .filter(s -> s.get("connection").equals(Long.toString(id(connected)))).toList();
        assertEquals(List.of("Delivery is free", "Yes, on Sundays too"), sent.stream().map(s -> s.get("text"))
                .toList());
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private static long id(Connected connection) {
        return connection.id().value();
    }

    /** The test platform's message event for {@code m}, with the client's names. */
    private static Json event(ClientMessage m) {
        return TestChannel.message(m.id(), m.user(), m.text()).put("first_name", m.firstName())
                .put("last_name", m.lastName());
    }

    private static URI held(URI file, String hold) {
        return URI.create(file + "?hold=" + hold);
    }

    private byte[] platformBytes(String name) throws Exception {
        HttpResponse<byte[]> file = http.bytes(channel.file(name));
        assertEquals(200, file.statusCode());
        return file.body();
    }

    private byte[] stored(Attachment attachment) throws IOException {
        FileId id = attachment.file().orElseThrow(() -> new AssertionError("no stored file: " + attachment));
        try (InputStream in = files.open(id)) {
            return in.readAllBytes();
        }
    }

    private List<Map<String, String>> sentOf(Message message) throws Exception {
        return channel.sent().stream().filter(s -> s.get("message").equals(message.id().toString())).toList();
    }

    private List<Map<String, String>> attemptsOf(Message message) throws Exception {
        return channel.attempts().stream().filter(s -> s.get("message").equals(message.id().toString())).toList();
    }

    /** The link with one character of its token changed. */
    private static URI tampered(URI link) {
        String path = link.getPath();
        int start = path.indexOf("/media/") + "/media/".length();
        int end = path.indexOf('/', start) < 0 ? path.length() : path.indexOf('/', start);
        int at = start + (end - start) / 2;
        while (!Character.isLetterOrDigit(path.charAt(at))) {
            at++;
        }
        char changed = path.charAt(at) == 'A' ? 'B' : 'A';
        return link.resolve(path.substring(0, at) + changed + path.substring(at + 1));
    }

    private static <T> T single(List<T> list) {
        assertEquals("exactly one: " + list, 1, list.size());
        return list.get(0);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
