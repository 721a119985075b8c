package dev.switchboard.channel.telegram.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.ConnectResult;
import dev.switchboard.api.channel.ConnectionContext;
import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.FetchedFile;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.OutboundAttachment;
import dev.switchboard.api.channel.OutboundMessage;
import dev.switchboard.api.channel.Refusal;
import dev.switchboard.api.channel.RemoteFile;
import dev.switchboard.api.channel.WebhookOutcome;
import dev.switchboard.api.channel.WebhookRequest;
import dev.switchboard.api.chat.Origin;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.channel.telegram.fake.FakeBotApi;
import dev.switchboard.channel.telegram.internal.botapi.BotHttp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connector against a local fake of the Bot API that answers as Telegram documents (issue 11; INB-1, MSG-1,
 * MSG-2, INP-2, INP-3, CARD-2): settings checked with getMe, the webhook registered and removed, updates verified by
 * their secret header, sends and their failures as the outbox must see them, files and profile photos fetched.
 */
class TelegramConnectorTest {

    private static final String SECRET = "s3cr3t-0f-the-c0nnection_".repeat(2) + "abcdefghijklmn";
    private static final AtomicLong IDS = new AtomicLong(1000);
    private static final long CHAT = 111222333L;

    private FakeBotApi telegram;
    private FakeBotApi.Bot bot;
    private TelegramConnector connector;
    private ConnectionContext connection;

    @BeforeEach
    void start() throws IOException {
        telegram = FakeBotApi.local();
        bot = telegram.bot("shop_bot");
        connector = new TelegramConnector(new BotHttp());
        connection = context(telegram.url(), bot.token(), URI.create("http://127.0.0.1:8181/hooks/telegram/k3y"));
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    // ------------------------------------------------------------------------------------------ settings, webhook

    @Test
    void INB1_aTokenOfTheWrongShapeOrOneTelegramDoesNotKnowIsShownOnTheTokensField_aGoodOneSaves() {
        Map<String, String> wrongShape = connector.validate(Map.of("token", "hello", "api", telegram.url()),
                Locale.ENGLISH);
        assertThat(wrongShape.get("token")).contains("not a bot token");
        assertThat(telegram.calls()).as("no call for a token that cannot be one").isEmpty();

        FakeBotApi.Bot gone = telegram.bot("gone_bot");
        telegram.revoke(gone.token());
        Map<String, String> unknown = connector.validate(Map.of("token", gone.token(), "api", telegram.url()),
                Locale.forLanguageTag("ru"));
        assertThat(unknown.get("token")).contains("Telegram не знает этот токен").contains("Unauthorized");

        assertThat(connector.validate(Map.of("token", bot.token(), "api", telegram.url()), Locale.ENGLISH)).isEmpty();
        assertThat(telegram.calls(bot.token(), "getMe")).hasSize(1);
    }

    @Test
    void INB1_aBotApiOutOfReachSaysNothingAboutTheToken_connectingShowsWhy() throws IOException {
        String nowhere = "http://127.0.0.1:" + closedPort();
        assertThat(connector.validate(Map.of("token", bot.token(), "api", nowhere), Locale.ENGLISH)).isEmpty();

        ConnectResult result = connector.connect(context(nowhere, bot.token(), connection.webhookUrl()));
        assertThat(result).isInstanceOf(ConnectResult.Failed.class);
        assertThat(((ConnectResult.Failed) result).reason()).contains("did not answer").doesNotContain(bot.token());
    }

    @Test
    void INB1_connectingSetsTheWebhookWithTheConnectionsSecretAndTheUpdatesTheChannelReads_disconnectingDeletesIt()
            throws IOException {
        assertThat(connector.connect(connection)).isInstanceOf(ConnectResult.Connected.class);

        FakeBotApi.Webhook hook = telegram.webhook(bot.token()).orElseThrow();
        assertThat(hook.url()).isEqualTo("http://127.0.0.1:8181/hooks/telegram/k3y");
        assertThat(hook.secret()).isEqualTo(SECRET);
        assertThat(hook.allowedUpdates()).containsExactly("message", "edited_message", "my_chat_member");
        assertThat(telegram.calls()).extracting(FakeBotApi.Call::method).containsExactly("getMe", "setWebhook");
        assertThat(connector.connect(connection)).as("safe to repeat").isInstanceOf(ConnectResult.Connected.class);

        connector.disconnect(connection);
        assertThat(telegram.webhook(bot.token())).isEmpty();
        assertThat(telegram.calls(bot.token(), "deleteWebhook")).hasSize(1);
    }

    @Test
    void INB1_whatTelegramRefusesAtConnectingIsShownInItsWords_withoutTheToken() throws IOException {
        try (FakeBotApi cloud = FakeBotApi.start()) {
            FakeBotApi.Bot cloudBot = cloud.bot("cloud_bot");
            ConnectResult http = connector.connect(context(cloud.url(), cloudBot.token(), connection.webhookUrl()));
            assertThat(((ConnectResult.Failed) http).reason())
                    .contains("An HTTPS URL must be provided for webhook").contains("/hooks/telegram/k3y");

            cloud.revoke(cloudBot.token());
            ConnectResult revoked = connector.connect(context(cloud.url(), cloudBot.token(),
                    URI.create("https://inbox.example/hooks/telegram/k3y")));
            assertThat(((ConnectResult.Failed) revoked).reason()).contains("refused the bot's token")
                    .doesNotContain(cloudBot.token());
            assertThat(cloud.webhook(cloudBot.token())).isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------------- webhooks

    @Test
    void INB1_anUpdateIsReadOnlyWithTheSecretTelegramWasGiven_elseRefused403() {
        byte[] update = Fixtures.update("text.json");

        WebhookOutcome genuine = connector.handle(request(update, Map.of("X-Telegram-Bot-Api-Secret-Token", SECRET)),
                connection);
        assertThat(genuine).isInstanceOf(WebhookOutcome.Accept.class);
        InboundMessage m = (InboundMessage) ((WebhookOutcome.Accept) genuine).events().get(0);
        assertThat(m.connection()).isEqualTo(connection.connection().id());

        for (Map<String, String> headers : List.of(Map.<String, String>of(),
                Map.of("X-Telegram-Bot-Api-Secret-Token", SECRET.substring(1)),
                Map.of("X-Telegram-Bot-Api-Secret-Token", SECRET + "x"),
                Map.of("X-Telegram-Bot-Api-Secret-Token", ""),
                Map.of("X-Other-Secret", SECRET))) {
            WebhookOutcome forged = connector.handle(request(update, headers), connection);
            assertThat(forged).as(headers.toString()).isEqualTo(new WebhookOutcome.Refuse(403,
                    "the X-Telegram-Bot-Api-Secret-Token header is missing or wrong"));
        }
        // any case of the header's name, as HTTP allows
        assertThat(connector.handle(request(update, Map.of("x-telegram-bot-api-secret-token", SECRET)), connection))
                .isInstanceOf(WebhookOutcome.Accept.class);
    }

    // ------------------------------------------------------------------------------------------------------ sending

    @Test
    void MSG2_aTextIsSentToTheClientsChat_namedByChatAndMessageId() {
        DeliveryResult result = connector.send(message("Your order ships today"));

        FakeBotApi.Sent sent = single(telegram.sent(bot.token()));
        assertThat(sent.chat()).isEqualTo(CHAT);
        assertThat(sent.text()).isEqualTo("Your order ships today");
        assertThat(result).isEqualTo(new DeliveryResult.Sent(CHAT + ":" + sent.messageId()));
    }

    @Test
    void MSG2_aTextOver4096CharactersGoesInPieces_andEveryPiecesIdIsReturned() {
        String text = ("Line of the terms and conditions. ".repeat(30).strip() + "\n").repeat(9);
        DeliveryResult result = connector.send(message(text));

        List<FakeBotApi.Sent> sent = telegram.sent(bot.token());
        assertThat(sent).hasSize(3).allSatisfy(s -> assertThat(s.text().length()).isLessThanOrEqualTo(4096));
        assertThat(String.join("\n", sent.stream().map(FakeBotApi.Sent::text).toList())).isEqualTo(text.strip());
        assertThat(((DeliveryResult.Sent) result).externalIds())
                .containsExactlyElementsOf(sent.stream().map(s -> CHAT + ":" + s.messageId()).toList());
    }

    @Test
    void INP2_imagesVideosAndFilesAreUploadedAsMultipart_byteForByte_withTheTextAsTheFirstsCaption() {
        byte[] jpeg = bytes(300_000, 1);
        byte[] gif = bytes(40_000, 2);
        byte[] mp4 = bytes(1_200_000, 3);
        byte[] pdf = bytes(70_000, 4);
        byte[] png = bytes(50_000, 5);
        DeliveryResult result = connector.send(message("Here are the photos and the contract",
                file("kitchen.jpg", "image/jpeg", MediaKind.IMAGE, jpeg),
                file("wave.gif", "image/gif", MediaKind.IMAGE, gif),
                file("tour.mp4", "video/mp4", MediaKind.VIDEO, mp4),
                file("contract.pdf", "application/pdf", MediaKind.FILE, pdf),
                file("plan.png", "image/png", MediaKind.IMAGE, png)));

        List<FakeBotApi.Sent> sent = telegram.sent(bot.token());
        assertThat(sent).extracting(FakeBotApi.Sent::method)
                .containsExactly("sendPhoto", "sendAnimation", "sendVideo", "sendDocument", "sendPhoto");
        assertThat(sent).extracting(FakeBotApi.Sent::text)
                .containsExactly("Here are the photos and the contract", "", "", "", "");
        List<byte[]> files = List.of(jpeg, gif, mp4, pdf, png);
        for (int i = 0; i < files.size(); i++) {
            FakeBotApi.Upload upload = sent.get(i).file().orElseThrow();
            assertThat(upload.sha256()).as(upload.fileName()).isEqualTo(FakeBotApi.sha256(files.get(i)));
            assertThat(upload.size()).isEqualTo(files.get(i).length);
        }
        assertThat(sent.get(0).file().orElseThrow().fileName()).isEqualTo("kitchen.jpg");
        assertThat(sent.get(0).file().orElseThrow().contentType()).isEqualTo("image/jpeg");
        assertThat(telegram.calls(bot.token(), "sendVideo").get(0).param("supports_streaming")).isEqualTo("true");
        assertThat(((DeliveryResult.Sent) result).externalIds()).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void INP3_aTextTooLongForACaptionGoesFirst_thenTheFileWithoutOne() {
        String text = "Please read carefully. ".repeat(60);
        connector.send(message(text, file("terms.pdf", "application/pdf", MediaKind.FILE, bytes(1000, 9))));

        assertThat(telegram.sent(bot.token())).extracting(FakeBotApi.Sent::method)
                .containsExactly("sendMessage", "sendDocument");
        assertThat(telegram.sent(bot.token()).get(1).text()).isEmpty();
    }

    @Test
    void INP2_aPhotoTelegramCannotTakeAsAPhotoGoesAgainAsADocument() {
        telegram.answerNext(bot.token(), "sendPhoto", 400, "Bad Request: PHOTO_INVALID_DIMENSIONS", null);
        DeliveryResult result = connector.send(message("", file("panorama.jpg", "image/jpeg", MediaKind.IMAGE,
                bytes(5000, 6))));

        assertThat(result).isInstanceOf(DeliveryResult.Sent.class);
        assertThat(single(telegram.sent(bot.token())).method()).isEqualTo("sendDocument");
    }

    @Test
    void MSG2_429IsTriedAgainAfterRetryAfter_theWholeConnectionWaits() {
        telegram.answerNext(bot.token(), "sendMessage", 429, "Too Many Requests: retry after 5", 5L);
        DeliveryResult result = connector.send(message("Hello"));

        assertThat(result).isEqualTo(new DeliveryResult.Retry("Telegram: Too Many Requests: retry after 5 (429)",
                Optional.of(Duration.ofSeconds(5))));
        assertThat(telegram.sent(bot.token())).isEmpty();
    }

    @Test
    void MSG2_aBlockedClientIsRefusedForGoodAsBlocked_soTheChatBecomesUnreachable() {
        telegram.block(bot.token(), CHAT);
        assertThat(connector.send(message("Anything else?"))).isEqualTo(new DeliveryResult.Refused(
                Refusal.CLIENT_BLOCKED, "Telegram: Forbidden: bot was blocked by the user (403)"));
    }

    @Test
    void MSG2_aChatTelegramDoesNotKnowIsRefusedWithTheReason() {
        telegram.unknownChat(bot.token(), CHAT);
        assertThat(connector.send(message("Hello?"))).isEqualTo(new DeliveryResult.Refused(
                Refusal.RECIPIENT_NOT_FOUND, "Telegram: Bad Request: chat not found (400)"));
        assertThat(connector.send(new OutboundMessage(new MessageId(1), connection, "@ann", "Hi", List.of(),
                Origin.MANAGER, Optional.empty(), 1))).isEqualTo(new DeliveryResult.Refused(Refusal.INVALID,
                "not a Telegram chat id"));
    }

    @Test
    void MSG2_aRevokedTokenMakesTheConnectionFailing_andTheMessageWaits() {
        telegram.revoke(bot.token());
        DeliveryResult result = connector.send(message("Hello"));

        assertThat(result).isInstanceOf(DeliveryResult.ConnectionFailing.class);
        assertThat(((DeliveryResult.ConnectionFailing) result).reason()).contains("refused the bot's token")
                .contains("@BotFather").doesNotContain(bot.token());
    }

    @Test
    void MSG2_serverErrorsAndANetworkOutOfReachAreTriedAgain() throws IOException {
        telegram.answerNext(bot.token(), "sendMessage", 502, "Bad Gateway", null);
        assertThat(connector.send(message("Hello"))).isInstanceOf(DeliveryResult.Retry.class);

        ConnectionContext away = context("http://127.0.0.1:" + closedPort(), bot.token(), connection.webhookUrl());
        DeliveryResult result = connector.send(new OutboundMessage(new MessageId(IDS.incrementAndGet()), away,
                Long.toString(CHAT), "Hello", List.of(), Origin.MANAGER, Optional.empty(), 1));
        assertThat(result).isInstanceOf(DeliveryResult.Retry.class);
        assertThat(((DeliveryResult.Retry) result).reason()).startsWith("Telegram did not answer")
                .doesNotContain(bot.token());
    }

    @Test
    void MSG2_aRetryAfterAPartFailedSendsOnlyThePartsTelegramHasNotTaken() {
        OutboundMessage message = message("x".repeat(5000), file("a.pdf", "application/pdf", MediaKind.FILE,
                bytes(100, 1)));
        telegram.answerNext(bot.token(), "sendDocument", 429, "Too Many Requests: retry after 1", 1L);

        DeliveryResult first = connector.send(message);
        assertThat(first).isInstanceOf(DeliveryResult.Retry.class);
        assertThat(((DeliveryResult.Retry) first).reason()).contains("2 of 3 parts were sent");
        DeliveryResult second = connector.send(new OutboundMessage(message.id(), connection, Long.toString(CHAT),
                message.text(), message.attachments(), Origin.MANAGER, Optional.empty(), 2));

        assertThat(telegram.sent(bot.token())).extracting(FakeBotApi.Sent::method)
                .containsExactly("sendMessage", "sendMessage", "sendDocument");
        assertThat(((DeliveryResult.Sent) second).externalIds()).containsExactlyElementsOf(telegram.sent(bot.token())
                .stream().map(s -> CHAT + ":" + s.messageId()).toList());
    }

    // -------------------------------------------------------------------------------------------- files, profiles

    @Test
    void MSG1_aFileIsFetchedThroughGetFileAndItsDownloadLink_streamed() throws IOException {
        byte[] photo = bytes(60_000, 7);
        FakeBotApi.RemoteFile remote = telegram.file(photo, "photos/file_12.jpg");

        try (FetchedFile fetched = connector.fetch(new RemoteFile(remote.fileId(), Optional.of(remote.uniqueId()),
                Optional.of("photo.jpg"), Optional.of("image/jpeg"), OptionalLong.of(photo.length)), connection)) {
            assertThat(fetched.content().readAllBytes()).isEqualTo(photo);
            assertThat(fetched.size()).isEqualTo(OptionalLong.of(photo.length));
            assertThat(fetched.contentType()).contains("image/jpeg");
        }
        assertThat(telegram.calls(bot.token(), "getFile").get(0).param("file_id")).isEqualTo(remote.fileId());
        assertThat(telegram.downloads()).containsExactly("photos/file_12.jpg");
    }

    @Test
    void MSG1_aFileOver20MbOrUnknownIsGivenUpAtOnce_anExpiredLinkOrARefusedTokenIsTriedAgain() {
        FakeBotApi.RemoteFile big = telegram.largeFile(25 * FileLimits.MB, "videos/file_1.mp4");
        assertThatThrownBy(() -> connector.fetch(RemoteFile.of(big.fileId()), connection))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file is too big");
        assertThatThrownBy(() -> connector.fetch(RemoteFile.of("AgACnothing"), connection))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid file_id");

        FakeBotApi.RemoteFile old = telegram.file(bytes(10, 1), "documents/file_2.pdf");
        telegram.expire(old.path());
        assertThatThrownBy(() -> connector.fetch(RemoteFile.of(old.fileId()), connection))
                .isInstanceOf(IOException.class).hasMessageContaining("404");

        telegram.revoke(bot.token());
        assertThatThrownBy(() -> connector.fetch(RemoteFile.of(old.fileId()), connection))
                .isInstanceOf(IOException.class).hasMessageContaining("Unauthorized");
    }

    @Test
    void CARD2_theClientsPhotoIsTheLargestSizeOfTheirNewestProfilePhoto_fetchedLikeAnyFile() throws IOException {
        FakeBotApi.RemoteFile small = telegram.file(bytes(2000, 1), "profile_photos/file_1.jpg");
        FakeBotApi.RemoteFile large = telegram.file(bytes(90_000, 2), "profile_photos/file_2.jpg");
        telegram.profilePhoto(CHAT, List.of(small, large));

        ClientProfile profile = connector.profile(Long.toString(CHAT), connection).orElseThrow();
        RemoteFile photo = profile.photo().orElseThrow();
        assertThat(photo.ref()).isEqualTo(large.fileId());
        assertThat(photo.key()).contains(large.uniqueId());
        assertThat(telegram.calls(bot.token(), "getUserProfilePhotos").get(0).param("limit")).isEqualTo("1");
        try (FetchedFile fetched = connector.fetch(photo, connection)) {
            assertThat(fetched.content().readAllBytes()).hasSize(90_000);
        }

        assertThat(connector.profile("424242", connection)).as("no photo").isEmpty();
    }

    @Test
    void MSG1_theCapabilitiesAreTheBotApisLimits() {
        var caps = connector.capabilities();
        assertThat(caps.inbound().of(MediaKind.VIDEO)).contains(20 * FileLimits.MB);
        assertThat(caps.outbound().of(MediaKind.IMAGE)).contains(10 * FileLimits.MB);
        assertThat(caps.outbound().of(MediaKind.FILE)).contains(50 * FileLimits.MB);
        assertThat(caps.needsJpeg("image/webp")).isTrue();
        assertThat(caps.needsJpeg("image/png")).isFalse();
        assertThat(caps.rate().perSecond()).isEqualTo(30);
        assertThat(caps.rate().perRecipient()).isEqualTo(Duration.ofSeconds(1));
        assertThat(caps.window()).isEmpty();
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    private ConnectionContext context(String api, String token, URI webhook) {
        return new ConnectionContext(new ChannelConnection(new ConnectionId(5), new ProjectId(2), "telegram", "Shop"),
                Map.of("token", token, "api", api), webhook, SECRET);
    }

    private OutboundMessage message(String text, OutboundAttachment... files) {
        return new OutboundMessage(new MessageId(IDS.incrementAndGet()), connection, Long.toString(CHAT), text,
                List.of(files), Origin.MANAGER, Optional.empty(), 1);
    }

    private static OutboundAttachment file(String name, String type, MediaKind kind, byte[] bytes) {
        StoredFile stored = new StoredFile(new FileId(IDS.incrementAndGet()), new ProjectId(2), name, type,
                bytes.length, kind, Instant.now());
        return new OutboundAttachment(stored, URI.create("http://127.0.0.1/media/x"),
                () -> (InputStream) new ByteArrayInputStream(bytes));
    }

    private static WebhookRequest request(byte[] body, Map<String, String> headers) {
        Map<String, List<String>> all = new java.util.HashMap<>();
        headers.forEach((k, v) -> all.put(k, List.of(v)));
        return new WebhookRequest("POST", Map.of(), all, body);
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static <T> T single(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }
}
