package dev.switchboard.chat.internal.engine;

import dev.switchboard.api.channel.ChannelCapabilities;
import dev.switchboard.api.channel.ChannelConnector;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.ConnectResult;
import dev.switchboard.api.channel.ConnectionContext;
import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.FetchedFile;
import dev.switchboard.api.channel.OutboundMessage;
import dev.switchboard.api.channel.RemoteFile;
import dev.switchboard.api.channel.SettingField;
import dev.switchboard.api.channel.WebhookAnswer;
import dev.switchboard.api.channel.WebhookOutcome;
import dev.switchboard.api.channel.WebhookRequest;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.MediaKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The chat engine tests' channel of type {@code test}: a secret header to verify webhooks (like Telegram's), a
 * setting {@code token} that must start with {@code ok-} when given, files served from a map, and answers the test
 * chooses for sends, connects, webhooks and profiles. Records every call.
 */
public final class TestChannel implements ChannelConnector {

    public static final String SECRET_HEADER = "X-Test-Secret";

    private final String type;

    /** A channel of type {@code test}. */
    public TestChannel() {
        this("test");
    }

    /** The same channel under another type, for tests that need a second channel. */
    public TestChannel(String type) {
        this.type = type;
    }

    public final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
    public final List<String> connects = new CopyOnWriteArrayList<>();
    public final List<String> disconnects = new CopyOnWriteArrayList<>();
    public final Map<String, byte[]> remoteFiles = new ConcurrentHashMap<>();
    public volatile Function<OutboundMessage, DeliveryResult> answer = m -> new DeliveryResult.Sent("ext-" + m.id());
    public volatile Function<ConnectionContext, ConnectResult> connectAnswer = c -> ConnectResult.connected();
    public volatile BiFunction<WebhookRequest, ConnectionContext, WebhookOutcome> webhook =
            (r, c) -> new WebhookOutcome.Ignore("no events");
    public volatile Optional<ClientProfile> profile = Optional.empty();
    public volatile int failFetches;
    public volatile ChannelCapabilities capabilities = ChannelCapabilities
            .textOnly(4096, new ChannelCapabilities.SendRate(30, Duration.ZERO, 4))
            .withInbound(new FileLimits(Map.of(MediaKind.IMAGE, 20 * FileLimits.MB, MediaKind.VIDEO,
                    20 * FileLimits.MB, MediaKind.FILE, 20 * FileLimits.MB)))
            .withOutbound(FileLimits.SPEC, Set.of("image/jpeg", "image/gif"));

    @Override
    public String type() {
        return type;
    }

    @Override
    public Map<String, String> names() {
        return Map.of("en", "Test channel", "ru", "Тестовый канал");
    }

    @Override
    public ChannelCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public List<SettingField> settings() {
        return List.of(SettingField.of("token", SettingField.Type.SECRET, false, "Token", "Токен"),
                SettingField.of("greeting", SettingField.Type.TEXT, false, "Greeting", "Приветствие")
                        .withDefault("hello"),
                SettingField.of("site", SettingField.Type.URL, false, "Site", "Сайт"));
    }

    @Override
    public Map<String, String> validate(Map<String, String> settings, Locale locale) {
        String token = settings.get("token");
        if (token != null && !token.startsWith("ok-")) {
            return Map.of("token", "ru".equals(locale.getLanguage()) ? "токен неверен" : "the token is wrong");
        }
        return Map.of();
    }

    @Override
    public ConnectResult connect(ConnectionContext connection) {
        connects.add(connection.connection().name());
        return connectAnswer.apply(connection);
    }

    @Override
    public void disconnect(ConnectionContext connection) {
        disconnects.add(connection.connection().name());
    }

    @Override
    public WebhookOutcome handle(WebhookRequest request, ConnectionContext connection) {
        String given = request.header(SECRET_HEADER).orElse("");
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                connection.webhookSecret().getBytes(StandardCharsets.UTF_8))) {
            return new WebhookOutcome.Refuse(403, "wrong secret header");
        }
        return webhook.apply(request, connection);
    }

    @Override
    public DeliveryResult send(OutboundMessage message) {
        sent.add(message);
        return answer.apply(message);
    }

    @Override
    public FetchedFile fetch(RemoteFile file, ConnectionContext connection) throws IOException {
        if (failFetches > 0) {
            failFetches--;
            throw new IOException("the platform is slow today");
        }
        byte[] bytes = remoteFiles.get(file.ref());
        if (bytes == null) {
            throw new IllegalArgumentException("no such file at the platform");
        }
        return FetchedFile.of(new ByteArrayInputStream(bytes));
    }

    @Override
    public Optional<ClientProfile> profile(String externalUserId, ConnectionContext connection) {
        return profile;
    }

    /** A plain answer for handshakes. */
    public static WebhookOutcome echo(String text) {
        return new WebhookOutcome.Answer(WebhookAnswer.text(text));
    }
}
