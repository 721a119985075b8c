package dev.switchboard.channel.telegram.internal;

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
import dev.switchboard.api.channel.WebhookOutcome;
import dev.switchboard.api.channel.WebhookRequest;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.channel.telegram.internal.botapi.BotAnswer;
import dev.switchboard.channel.telegram.internal.botapi.BotApi;
import dev.switchboard.channel.telegram.internal.botapi.BotHttp;
import dev.switchboard.channel.telegram.internal.botapi.Settings;
import dev.switchboard.channel.telegram.internal.files.FileFetcher;
import dev.switchboard.channel.telegram.internal.send.MessageSender;
import dev.switchboard.channel.telegram.internal.update.UpdateReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Telegram channel (issue 11; INB-1, MSG-1, MSG-2, INP-2, INP-3, CARD-2): one connection is one bot, known by
 * its token from @BotFather, at the Bot API server of the connection's settings (Telegram's own, or a self-hosted
 * one).
 * <ul>
 *   <li>Saving checks the token's shape and asks {@code getMe}: a token Telegram does not know is shown on the
 *       token's field at once.</li>
 *   <li>{@link #connect} registers the core's webhook address with {@code setWebhook}: the connection's
 *       {@link ConnectionContext#webhookSecret()} as {@code secret_token}, and only the updates the channel reads
 *       ({@link UpdateReader#ALLOWED_UPDATES}); {@link #disconnect} calls {@code deleteWebhook}.</li>
 *   <li>{@link #handle} refuses, with 403, a call whose {@code X-Telegram-Bot-Api-Secret-Token} is missing or
 *       differs from the secret (compared in constant time), before it reads a byte of the body; then
 *       {@link UpdateReader} reads the update.</li>
 *   <li>{@link #send}: {@link MessageSender}; {@link #fetch} and {@link #profile}: {@link FileFetcher}.</li>
 * </ul>
 * Capabilities are the Bot API's documented limits: texts are cut at 4,096 characters by the channel itself, so it
 * takes the core's longest text; bots download files up to 20 MB and upload photos up to 10 MB, other files up to
 * 50 MB; JPEG, PNG and GIF go as they are (other images are converted to JPEG by the core); about 30 messages a
 * second per bot and one a second per chat. No messaging window: a bot may write to anyone who started it and has
 * not blocked it. The connector keeps no state that matters: everything lives in the connection and at Telegram.
 */
@Component(service = ChannelConnector.class)
public final class TelegramConnector implements ChannelConnector {

    public static final String TYPE = "telegram";
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private static final Logger LOG = LoggerFactory.getLogger(TelegramConnector.class);
    private static final long MB = FileLimits.MB;
    /** The longest text the core keeps; Telegram's 4,096 per message are the channel's business. */
    private static final int MAX_TEXT = 10_000;
    static final ChannelCapabilities CAPABILITIES = ChannelCapabilities
            .textOnly(MAX_TEXT, new ChannelCapabilities.SendRate(30, Duration.ofSeconds(1), 4))
            .withInbound(new FileLimits(Map.of(MediaKind.IMAGE, FileFetcher.MAX_DOWNLOAD,
                    MediaKind.VIDEO, FileFetcher.MAX_DOWNLOAD, MediaKind.AUDIO, FileFetcher.MAX_DOWNLOAD,
                    MediaKind.FILE, FileFetcher.MAX_DOWNLOAD)))
            .withOutbound(new FileLimits(Map.of(MediaKind.IMAGE, 10 * MB, MediaKind.VIDEO, 50 * MB,
                    MediaKind.AUDIO, 50 * MB, MediaKind.FILE, 50 * MB)), Set.of("image/jpeg", "image/png", "image/gif"));
    /** A token as @BotFather gives it: the bot's id, a colon, and its secret. */
    private static final Pattern TOKEN = Pattern.compile("[0-9]{3,20}:[A-Za-z0-9_-]{20,100}");

    private final BotHttp http;
    private final UpdateReader updates;
    private final MessageSender sender;
    private final FileFetcher files;

    @Activate
    public TelegramConnector(@Reference BotHttp http) {
        this(http, Clock.systemUTC());
    }

    TelegramConnector(BotHttp http, Clock clock) {
        this.http = http;
        this.updates = new UpdateReader(http.json());
        this.sender = new MessageSender(http, clock);
        this.files = new FileFetcher(http);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> names() {
        return Map.of("en", "Telegram", "ru", "Telegram");
    }

    @Override
    public ChannelCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<SettingField> settings() {
        return Settings.FIELDS;
    }

    @Override
    public Map<String, String> validate(Map<String, String> settings, Locale locale) {
        boolean ru = "ru".equals(locale.getLanguage());
        String token = settings.getOrDefault(Settings.TOKEN, "").strip();
        if (!TOKEN.matcher(token).matches()) {
            return Map.of(Settings.TOKEN, ru
                    ? "Это не токен бота: @BotFather выдаёт токены вида 123456789:AAH…"
                    : "This is not a bot token: @BotFather gives tokens like 123456789:AAH…");
        }
        String api = Optional.ofNullable(settings.get(Settings.API)).filter(s -> !s.isBlank())
                .orElse(BotHttp.DEFAULT_API);
        BotApi bot = http.bot(api, token);
        try {
            BotAnswer me = bot.call("getMe", Map.of());
            if (me.tokenRefused()) {
                return Map.of(Settings.TOKEN, ru
                        ? "Telegram не знает этот токен (" + me.description() + "): скопируйте его у @BotFather ещё раз"
                        : "Telegram does not know this token (" + me.description()
                                + "): copy it from @BotFather again");
            }
        } catch (IOException e) {
            // Telegram out of reach says nothing about the token: connecting will show why it fails
            LOG.info("Could not ask {} about a bot token: {}", bot.api(), e.getMessage());
        }
        return Map.of();
    }

    @Override
    public ConnectResult connect(ConnectionContext connection) {
        BotApi bot = http.bot(connection);
        try {
            BotAnswer me = bot.call("getMe", Map.of());
            if (!me.ok()) {
                return ConnectResult.failed(me.tokenRefused()
                        ? "Telegram refused the bot's token (" + me.description() + "): copy it from @BotFather again"
                        : "Telegram did not confirm the bot: " + me.reason());
            }
            Map<String, Object> webhook = new LinkedHashMap<>();
            webhook.put("url", connection.webhookUrl().toString());
            webhook.put("secret_token", connection.webhookSecret());
            webhook.put("allowed_updates", UpdateReader.ALLOWED_UPDATES);
            BotAnswer set = bot.call("setWebhook", webhook);
            if (!set.ok()) {
                return ConnectResult.failed("Telegram refused the webhook address " + connection.webhookUrl()
                        + ": " + set.reason());
            }
            LOG.info("Telegram bot @{} of {} sends its updates to the core now",
                    me.result().path("username").asText("?"), connection);
            return ConnectResult.connected();
        } catch (IOException e) {
            return ConnectResult.failed("The Bot API at " + bot.api() + " did not answer: " + e.getMessage());
        }
    }

    @Override
    public void disconnect(ConnectionContext connection) throws IOException {
        BotAnswer deleted = http.bot(connection).call("deleteWebhook", Map.of());
        if (!deleted.ok()) {
            throw new IOException("deleteWebhook: " + deleted.reason());
        }
    }

    @Override
    public WebhookOutcome handle(WebhookRequest request, ConnectionContext connection) {
        if (!genuine(request, connection)) {
            return new WebhookOutcome.Refuse(403, "the " + SECRET_HEADER + " header is missing or wrong");
        }
        return updates.read(request.body(), connection.connection().id());
    }

    /** Telegram sends back the secret it was given; anyone else does not know it. */
    private static boolean genuine(WebhookRequest request, ConnectionContext connection) {
        Optional<String> given = request.header(SECRET_HEADER);
        byte[] expected = connection.webhookSecret().getBytes(StandardCharsets.UTF_8);
        return given.isPresent() && expected.length > 0
                && MessageDigest.isEqual(given.get().getBytes(StandardCharsets.UTF_8), expected);
    }

    @Override
    public DeliveryResult send(OutboundMessage message) {
        return sender.send(message);
    }

    @Override
    public FetchedFile fetch(RemoteFile file, ConnectionContext connection) throws IOException {
        return files.fetch(file, connection);
    }

    @Override
    public Optional<ClientProfile> profile(String externalUserId, ConnectionContext connection) throws IOException {
        return files.profile(externalUserId, connection);
    }
}
