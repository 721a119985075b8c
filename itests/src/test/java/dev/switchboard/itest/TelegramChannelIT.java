package dev.switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.channel.telegram.fake.FakeBotApi;
import dev.switchboard.channel.telegram.fake.Updates;
import dev.switchboard.itest.kit.Await;
import dev.switchboard.itest.kit.ChannelContract;
import dev.switchboard.itest.kit.ClientMessage;
import dev.switchboard.itest.kit.Connected;
import dev.switchboard.itest.kit.Handshake;
import dev.switchboard.itest.kit.Webhook;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The Telegram channel in the booted distribution on PostgreSQL (issue 11; INB-1, MSG-1, MSG-2, CARD-2,
 * architecture §4), against a fake Bot API that runs in this container and answers as Telegram documents
 * ({@link FakeBotApi}): each connection is a bot of its own whose {@code api} setting points at the fake. First the
 * connector test kit's contract (Telegram sends no receipts and has no handshake), then what Telegram adds: the
 * webhook set with the connection's secret and deleted when it is switched off, a photo fetched through getFile, the
 * client's profile photo on the card, a long reply in pieces, a blocked client, a revoked token, a rate limit, and
 * the feature uninstalled and installed again while updates flow and replies wait, counted at the fake.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TelegramChannelIT extends ChannelContract {

    static final String DB = "switchboard_itest_telegram";
    static final String TYPE = "telegram";
    static final String BUNDLE = "dev.switchboard.channel.telegram";
    static final String FEATURE = "switchboard-channel-telegram";

    private static final AtomicLong UPDATES = new AtomicLong(500_000_000L);
    private static FakeBotApi telegram;

    @Inject
    FeaturesService features;

    @Inject
    FileStore files;

    @Inject
    CardService cards;

    /** The bots of this run's connections, by connection id. */
    private final Map<Long, FakeBotApi.Bot> bots = new ConcurrentHashMap<>();
    /** The bot settings() made last, for the connection the contract creates with it. */
    private final AtomicReference<FakeBotApi.Bot> lastBot = new AtomicReference<>();

    @Configuration
    public Option[] config() throws SQLException {
        // the distribution boots the Telegram channel's feature: nothing to add
        return options(DB, List.of());
    }

    /** The fake Bot API of this container, started with the first test and left to the container's end. */
    private static synchronized FakeBotApi telegram() throws IOException {
        if (telegram == null) {
            telegram = FakeBotApi.local();
        }
        return telegram;
    }

    // ------------------------------------------------------------------------------------------ the contract's part

    @Override
    protected String type() {
        return TYPE;
    }

    @Override
    protected String bundle() {
        return BUNDLE;
    }

    /** A new bot for each connection, at the fake. */
    @Override
    protected Map<String, String> settings() {
        try {
            FakeBotApi.Bot bot = telegram().bot("shop_" + UPDATES.incrementAndGet() + "_bot");
            lastBot.set(bot);
            return Map.of("token", bot.token(), "api", telegram().url());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void prepare(Connected connection) {
        bots.put(connection.id().value(), lastBot.get());
    }

    @Override
    protected Webhook message(Connected connection, ClientMessage m) throws Exception {
        return genuine(connection, Updates.text(UPDATES.incrementAndGet(), Long.parseLong(m.user()),
                Long.parseLong(m.id()), m.firstName(), m.lastName(), m.text()));
    }

    @Override
    protected Webhook forged(Connected connection, ClientMessage m) throws Exception {
        String secret = secret(connection);
        String wrong = (secret.charAt(0) == 'A' ? "B" : "A") + secret.substring(1);
        return Webhook.post("application/json", Updates.text(UPDATES.incrementAndGet(), Long.parseLong(m.user()),
                Long.parseLong(m.id()), m.firstName(), m.lastName(), m.text()),
                Map.of(FakeBotApi.SECRET_HEADER, wrong));
    }

    @Override
    protected Webhook edit(Connected connection, ClientMessage original, String text) throws Exception {
        return genuine(connection, Updates.edited(UPDATES.incrementAndGet(), Long.parseLong(original.user()),
                Long.parseLong(original.id()), original.firstName(), text));
    }

    @Override
    protected boolean sendsReceipts() {
        return false;
    }

    @Override
    protected Webhook receipt(Connected connection, String user, String externalId, DeliveryState state) {
        throw new AssertionError("the Bot API sends no receipts: sendsReceipts() says so");
    }

    @Override
    protected Webhook blocked(Connected connection, String user) throws Exception {
        return genuine(connection, Updates.membership(UPDATES.incrementAndGet(), Long.parseLong(user),
                bot(connection).id(), "member", "kicked"));
    }

    @Override
    protected Optional<Handshake> handshake(Connected connection) {
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------- Telegram's part

    @Test
    public void INB1_connectingSetsTheWebhookWithTheConnectionsAddressAndSecret_switchingOffDeletesIt()
            throws Exception {
        FakeBotApi.Bot bot = bot(connected);
        assertEquals(ConnectionStatus.State.CONNECTED, flows.details(connected).status().state());
        FakeBotApi.Webhook hook = telegram().webhook(bot.token()).orElseThrow();
        assertEquals(connected.webhookUrl().toString(), hook.url());
        assertTrue("the connection's secret: " + hook.secret().length(), hook.secret().matches("[A-Za-z0-9_-]{64}"));
        assertEquals(List.of("message", "edited_message", "my_chat_member"), hook.allowedUpdates());

        connections.setEnabled(connected.id(), connected.owner(), false);
        Await.until(() -> telegram().webhook(bot.token()), Optional::isEmpty);
        assertEquals(1, telegram().calls(bot.token(), "deleteWebhook").size());

        connections.setEnabled(connected.id(), connected.owner(), true);
        FakeBotApi.Webhook again = Await.until(() -> telegram().webhook(bot.token()), Optional::isPresent)
                .orElseThrow();
        assertEquals(hook, again);
        assertEquals(ConnectionStatus.State.CONNECTED, flows.details(connected).status().state());
    }

    @Test
    public void MSG1_aPhotoIsFetchedThroughGetFileIntoTheStore_andCARD2_theClientsProfilePhotoReachesTheCard()
            throws Exception {
        FakeBotApi.Bot bot = bot(connected);
        long chat = java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000L, 1L << 42);
        String user = Long.toString(chat);
        byte[] small = jpeg(80, Color.RED);
        byte[] large = jpeg(320, Color.BLUE);
        telegram().profilePhoto(chat, List.of(telegram().file(small, "profile_photos/file_" + chat + "_s.jpg"),
                telegram().file(large, "profile_photos/file_" + chat + "_l.jpg")));
        byte[] picture = jpeg(640, Color.GREEN);
        FakeBotApi.RemoteFile sent = telegram().file(picture, "photos/file_" + chat + ".jpg");

        ObjectNode message = Updates.message(chat, 77, "Vera", "Sokolova").put("caption", "The crack in the vase");
        message.putArray("photo").addObject().put("file_id", sent.fileId()).put("file_unique_id", sent.uniqueId())
                .put("width", 640).put("height", 640).put("file_size", picture.length);
        assertEquals(200, telegram().deliver(bot.token(), Updates.update(UPDATES.incrementAndGet(), "message",
                message)));

        ChatId chatId = flows.awaitChat(connected, user);
        Message stored = single(flows.inbound(connected, chatId));
        assertEquals("The crack in the vase", stored.text());
        Message ready = flows.awaitMessage(connected, chatId, stored.id(), x -> x.attachments().stream()
                .allMatch(a -> a.state() == Attachment.State.READY));
        Attachment photo = single(ready.attachments());
        assertEquals(MediaKind.IMAGE, photo.kind());
        assertEquals("image/jpeg", photo.contentType());
        assertTrue("the client's bytes", java.util.Arrays.equals(picture, stored(photo.file().orElseThrow())));
        assertEquals(sent.fileId(), single(telegram().calls(bot.token(), "getFile").stream()
                .filter(c -> c.param("file_id").equals(sent.fileId())).toList()).param("file_id"));

        ContactId contact = flows.contact(connected, user).orElseThrow();
        FileId face = Await.until(() -> cards.card(contact, connected.owner()).photo(), Optional::isPresent)
                .orElseThrow();
        assertTrue("the largest size of the profile photo, stored, never linked", java.util.Arrays.equals(large,
                stored(face)));
        assertEquals("Vera", cards.card(contact, connected.owner()).personal().firstName().orElseThrow());
    }

    @Test
    public void MSG1_aFileOverThe20MbABotMayDownloadIsShownNotFetchedWithTheReason_andTelegramIsNeverAskedForIt()
            throws Exception {
        FakeBotApi.Bot bot = bot(connected);
        long chat = java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000L, 1L << 42);
        FakeBotApi.RemoteFile film = telegram().largeFile(25L << 20, "videos/file_" + chat + ".mp4");
        ObjectNode message = Updates.message(chat, 5, "Oleg", null);
        message.putObject("video").put("file_id", film.fileId()).put("file_unique_id", film.uniqueId())
                .put("width", 1920).put("height", 1080).put("duration", 300).put("mime_type", "video/mp4")
                .put("file_size", film.size());
        assertEquals(200, telegram().deliver(bot.token(), Updates.update(UPDATES.incrementAndGet(), "message",
                message)));

        ChatId chatId = flows.awaitChat(connected, Long.toString(chat));
        Attachment video = single(single(flows.inbound(connected, chatId)).attachments());
        assertEquals(Attachment.State.REFUSED, video.state());
        assertTrue("the team is told why: " + video.problem(), video.problem().orElse("").contains("20 MB"));
        assertTrue("getFile was never called for it", telegram().calls(bot.token(), "getFile").stream()
                .noneMatch(c -> film.fileId().equals(c.param("file_id"))));
    }

    @Test
    public void MSG2_aLongReplyReachesTheClientInPiecesOf4096Characters_eachOnce() throws Exception {
        ClientMessage m = ClientMessage.fromNewClient("Long", "Send me the whole terms, please");
        ChatId chat = clientWrites(m);
        chats.take(chat, connected.owner());
        String terms = ("Clause of the terms, read it carefully. ".repeat(40).strip() + "\n").repeat(6).strip();

        Message reply = chats.send(chat, connected.owner(), terms, Optional.empty());
        Message sent = flows.awaitMessage(connected, chat, reply.id(),
                x -> x.delivery().equals(Optional.of(DeliveryState.SENT)));
        List<FakeBotApi.Sent> pieces = toClient(m);
        assertEquals(3, pieces.size());
        assertEquals(terms, String.join("\n", pieces.stream().map(FakeBotApi.Sent::text).toList()));
        assertEquals(Optional.of(m.user() + ":" + pieces.get(0).messageId()), sent.externalId());
    }

    @Test
    public void MSG2_aSendToAClientWhoBlockedTheBotFails_andMakesTheChatUnreachable() throws Exception {
        ClientMessage m = ClientMessage.fromNewClient("BlockedSend", "Thanks, that is all");
        ChatId chat = clientWrites(m);
        chats.take(chat, connected.owner());
        telegram().block(bot(connected).token(), Long.parseLong(m.user()));

        Message reply = chats.send(chat, connected.owner(), "Anything else we can do?", Optional.empty());
        Message failed = flows.awaitMessage(connected, chat, reply.id(),
                x -> x.delivery().equals(Optional.of(DeliveryState.FAILED)));
        assertTrue("the reason: " + failed.failure(), failed.failure().orElse("").contains("bot was blocked"));
        assertEquals(Optional.of(SendConditions.Reason.CLIENT_UNREACHABLE), chats.sendConditions(chat,
                connected.owner()).unavailable().map(SendConditions.Unavailable::reason));
    }

    @Test
    public void MSG2_aRevokedTokenShowsTheConnectionFailingWithWhy_theReplyWaits_andGoesOnceTheTokenWorks()
            throws Exception {
        FakeBotApi.Bot bot = bot(connected);
        ClientMessage m = ClientMessage.fromNewClient("Revoked", "Hello?");
        ChatId chat = clientWrites(m);
        chats.take(chat, connected.owner());
        telegram().revoke(bot.token());
        try {
            Message reply = chats.send(chat, connected.owner(), "We are here", Optional.empty());
            ConnectionDetails failing = Await.until(() -> flows.details(connected),
                    d -> d.status().state() == ConnectionStatus.State.FAILING);
            assertTrue("the owner sees why: " + failing.status().lastError(),
                    failing.status().lastError().orElse("").contains("refused the bot's token"));
            assertFalse("never the token", failing.status().lastError().orElse("").contains(bot.token()));
            assertEquals(Optional.of(DeliveryState.QUEUED), flows.message(connected, chat, reply.id()).delivery());

            telegram().restore(bot.token());
            flows.awaitMessage(connected, chat, reply.id(), x -> x.delivery().equals(Optional.of(DeliveryState.SENT)));
            assertEquals(List.of("We are here"), toClient(m).stream().map(FakeBotApi.Sent::text).toList());
        } finally {
            telegram().restore(bot.token());
        }
    }

    @Test
    public void MSG2_aRateLimitedReplyIsSentAgainNoSoonerThanRetryAfter() throws Exception {
        FakeBotApi.Bot bot = bot(connected);
        ClientMessage m = ClientMessage.fromNewClient("Limited", "Is it in stock?");
        ChatId chat = clientWrites(m);
        chats.take(chat, connected.owner());
        telegram().answerNext(bot.token(), "sendMessage", 429, "Too Many Requests: retry after 3", 3L);

        Message reply = chats.send(chat, connected.owner(), "Yes, two left", Optional.empty());
        flows.awaitMessage(connected, chat, reply.id(), x -> x.delivery().equals(Optional.of(DeliveryState.SENT)));
        List<FakeBotApi.Call> tries = telegram().calls(bot.token(), "sendMessage");
        assertEquals(List.of(429, 200), tries.stream().map(FakeBotApi.Call::status).toList());
        Duration waited = Duration.between(tries.get(0).at(), tries.get(1).at());
        assertTrue("sent again after " + waited.toMillis() + " ms; Telegram asked for 3 s",
                waited.compareTo(Duration.ofMillis(2900)) >= 0);
        assertEquals(1, toClient(m).size());
    }

    /**
     * Issue 11's hot deploy: Telegram keeps delivering updates (each until it is answered 2xx, in order) while the
     * operator uninstalls the channel's feature and installs it again; the team replies meanwhile. Nothing is lost,
     * nothing is stored or sent twice, as the fake counts.
     */
    @Test
    public void architecture4_theFeatureUninstalledWhileUpdatesFlow_answers503_repliesWait_andAfterItsReturnNothingIsLostOrSentTwice()
            throws Exception {
        FakeBotApi.Bot bot = bot(connected);
        ClientMessage m = ClientMessage.fromNewClient("HotDeploy", "I have a few questions");
        ChatId chat = clientWrites(m);
        chats.take(chat, connected.owner());
        Message before = chats.send(chat, connected.owner(), "Ask away", Optional.empty());
        flows.awaitMessage(connected, chat, before.id(), x -> x.delivery().equals(Optional.of(DeliveryState.SENT)));

        long client = Long.parseLong(m.user());
        List<String> questions = new ArrayList<>();
        List<String> updates = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            questions.add("Question " + i + " about delivery");
            updates.add(Updates.text(UPDATES.incrementAndGet(), client, 1000 + i, m.firstName(), m.lastName(),
                    questions.get(i - 1)));
        }
        Platform platform = new Platform(bot.token(), updates);
        platform.start();
        try {
            Await.until(platform::delivered, n -> n >= 5);
            features.uninstallFeature(FEATURE);
            Await.until(() -> installed(BUNDLE), present -> !present);
            Await.until(platform::refused, n -> n > 0);
            assertEquals("no connector of the type: the core says 503 and Telegram repeats", Collections.emptySet(),
                    platform.otherAnswers());

            List<Message> whileAway = List.of(
                    chats.send(chat, connected.owner(), "Delivery is free", Optional.empty()),
                    chats.send(chat, connected.owner(), "On Sundays too", Optional.empty()));
            Await.during(Duration.ofSeconds(3), () -> whileAway.stream()
                            .map(x -> flows.message(connected, chat, x.id()).delivery()).toList(),
                    states -> states.stream().allMatch(s -> s.equals(Optional.of(DeliveryState.QUEUED))));
            int deliveredWhileAway = platform.delivered();
            assertTrue("some updates wait at Telegram: " + deliveredWhileAway, deliveredWhileAway < updates.size());

            features.installFeature(FEATURE);
            Await.until(Duration.ofSeconds(120), platform::delivered, n -> n == updates.size());
            for (Message x : whileAway) {
                flows.awaitMessage(connected, chat, x.id(), y -> y.delivery().equals(Optional.of(DeliveryState.SENT)));
            }
        } finally {
            platform.interrupt();
            platform.join(10_000);
            if (!installed(BUNDLE)) {
                features.installFeature(FEATURE);
            }
        }
        // Telegram's own repeat of an update already stored
        assertEquals(200, telegram().deliver(bot.token(), updates.get(7)));

        List<String> expected = new ArrayList<>(List.of(m.text()));
        expected.addAll(questions);
        assertEquals("every update stored once, in order", expected, flows.inboundTexts(connected, chat));
        Await.during(Duration.ofSeconds(2), () -> toClient(m).stream().map(FakeBotApi.Sent::text).toList(),
                texts -> texts.equals(List.of("Ask away", "Delivery is free", "On Sundays too")));
        assertTrue("the webhook answered 503 while the channel was away: " + platform.refused(),
                platform.refused() > 0);
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** Telegram delivering a bot's updates to its webhook, one at a time and in order, each until it is 2xx. */
    private static final class Platform extends Thread {
        private final String token;
        private final List<String> updates;
        private final AtomicInteger delivered = new AtomicInteger();
        private final AtomicInteger refused = new AtomicInteger();
        private final java.util.Set<Integer> others = ConcurrentHashMap.newKeySet();

        Platform(String token, List<String> updates) {
            super("telegram-deliveries");
            this.token = token;
            this.updates = updates;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                for (String update : updates) {
                    while (true) {
                        int status;
                        try {
                            status = telegram().deliver(token, update);
                        } catch (IOException e) {
                            status = -1;
                        }
                        if (status / 100 == 2) {
                            delivered.incrementAndGet();
                            break;
                        }
                        if (status == 503) {
                            refused.incrementAndGet();
                        } else {
                            others.add(status);
                        }
                        Thread.sleep(250);
                    }
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                // the test is over
            }
        }

        int delivered() {
            return delivered.get();
        }

        int refused() {
            return refused.get();
        }

        java.util.Set<Integer> otherAnswers() {
            return java.util.Set.copyOf(others);
        }
    }

    private Webhook genuine(Connected connection, String update) throws Exception {
        return Webhook.post("application/json", update, Map.of(FakeBotApi.SECRET_HEADER, secret(connection)));
    }

    /** The secret Telegram learned with setWebhook: what it sends back with every update. */
    private String secret(Connected connection) throws Exception {
        return Await.until(() -> telegram().webhook(bot(connection).token()), Optional::isPresent).orElseThrow()
                .secret();
    }

    private FakeBotApi.Bot bot(Connected connection) {
        FakeBotApi.Bot bot = bots.get(connection.id().value());
        if (bot == null) {
            throw new AssertionError("no bot for connection " + connection.id());
        }
        return bot;
    }

    /** What Telegram delivered to the client's chat, in order. */
    private List<FakeBotApi.Sent> toClient(ClientMessage m) throws IOException {
        long client = Long.parseLong(m.user());
        return telegram().sent().stream().filter(s -> s.chat() == client).toList();
    }

    private boolean installed(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE) {
                return true;
            }
        }
        return false;
    }

    private byte[] stored(FileId file) throws IOException {
        try (InputStream in = files.open(file)) {
            return in.readAllBytes();
        }
    }

    /** A real JPEG of one colour: the store types files by their bytes, and the card takes pictures only. */
    private static byte[] jpeg(int side, Color colour) throws IOException {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, side, side);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static <T> T single(List<T> list) {
        assertEquals("exactly one: " + list, 1, list.size());
        return list.get(0);
    }
}
