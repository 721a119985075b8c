package dev.switchboard.itest.channel;

import dev.switchboard.api.channel.ChannelCapabilities;
import dev.switchboard.api.channel.ChannelConnector;
import dev.switchboard.api.channel.ConnectResult;
import dev.switchboard.api.channel.ConnectionContext;
import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.FetchedFile;
import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.channel.OutboundAttachment;
import dev.switchboard.api.channel.OutboundMessage;
import dev.switchboard.api.channel.RemoteFile;
import dev.switchboard.api.channel.SettingField;
import dev.switchboard.api.channel.WebhookAnswer;
import dev.switchboard.api.channel.WebhookOutcome;
import dev.switchboard.api.channel.WebhookRequest;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.MediaKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "test" channel (architecture §4; MSG-1, MSG-2, INP-2, INP-3): a small platform that behaves like the real ones
 * a channel bundle serves, for the integration tests and the connector test kit.
 * <ul>
 *   <li>Capabilities: texts up to 4,096 characters; inbound images, video, audio and files up to 20 MB (what a
 *       Telegram bot may download); outbound the spec's limits, JPEG and GIF taken as they are (so a PNG goes out as
 *       JPEG); 30 sends a second, one a second per client, 4 at once; no messaging window.</li>
 *   <li>Settings: an optional secret {@code token} that must start with {@code ok-}, an optional URL {@code site}.</li>
 *   <li>Webhooks through the core's {@code /hooks/test/<key>}: a POST carries the header {@code X-Test-Secret} with
 *       the connection's {@link ConnectionContext#webhookSecret()}, compared in constant time (403 otherwise), and a
 *       JSON body of events ({@link WebhookPayload}); a GET {@code ?hub.mode=subscribe&hub.verify_token=<webhook
 *       secret>&hub.challenge=N} is a Meta-like handshake answered with N.</li>
 *   <li>Files: a {@link RemoteFile#ref()} is an http(s) URL, fetched with the JDK's HttpClient (tests point it at
 *       {@code /test-channel/files/...}).</li>
 *   <li>Sending obeys a {@link SendMode}, per connection or for all, and records what it delivered, with each
 *       attachment's SHA-256 as read through {@link OutboundAttachment#open()} and its public link.</li>
 *   <li>{@link #connect} and {@link #disconnect} are recorded; connect fails while a test says so.</li>
 * </ul>
 * What it records lives as long as this component: a restart of the bundle starts an empty record. A test that kills
 * the whole distribution names a file in the system property {@value #JOURNAL}: each message the platform accepts is
 * also appended there, one line as {@code /sent} lists it ({@code message, connection, user, attempt, external,
 * text}), before the send returns to the core, so the platform's record outlives the process, as a real platform's
 * does.
 */
@Component(service = {ChannelConnector.class, TestConnector.class})
public final class TestConnector implements ChannelConnector {

    static final String TYPE = "test";
    static final String SECRET_HEADER = "X-Test-Secret";
    /** The system property naming the file each accepted message is appended to; unset, nothing is written. */
    static final String JOURNAL = "switchboard.itest.channel.journal";

    private static final Logger LOG = LoggerFactory.getLogger(TestConnector.class);
    private static final long MB = FileLimits.MB;
    private static final ChannelCapabilities CAPABILITIES = ChannelCapabilities
            .textOnly(4096, new ChannelCapabilities.SendRate(30, Duration.ofSeconds(1), 4))
            .withInbound(new FileLimits(Map.of(MediaKind.IMAGE, 20 * MB, MediaKind.VIDEO, 20 * MB,
                    MediaKind.AUDIO, 20 * MB, MediaKind.FILE, 20 * MB)))
            .withOutbound(FileLimits.SPEC, Set.of("image/jpeg", "image/gif"));
    private static final List<SettingField> SETTINGS = List.of(
            SettingField.of("token", SettingField.Type.SECRET, false, "Bot token", "Токен бота")
                    .withHelp("Starts with ok- on the test platform", "На тестовой платформе начинается с ok-"),
            SettingField.of("site", SettingField.Type.URL, false, "Website", "Сайт"));

    /** One message the platform accepted. */
    public record Delivery(long message, long connection, String externalUserId, String text, int attempt,
                           String externalId, List<File> files, Instant at) {
    }

    /** One file of a delivered message, as the connector read it. */
    public record File(long id, String name, String contentType, long size, String sha256, URI publicUrl) {
    }

    /** One call of {@link #send} and what the platform answered: sent, retry, refused or failing. */
    public record Attempt(long message, long connection, int attempt, String result, String reason, Instant at) {
    }

    /** One call of {@link #fetch}: the file's reference and the platform's HTTP status (0: no answer). */
    public record Fetch(String ref, int status, Instant at) {
    }

    /** A send under way: the message and its connection. */
    public record InFlight(long message, long connection) {
    }

    /** What the connector knows of a connection: the last context the core gave it, and its lifecycle calls. */
    public record Known(ConnectionContext context, int connects, int disconnects) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Delivery> delivered = new CopyOnWriteArrayList<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final List<Fetch> fetches = new CopyOnWriteArrayList<>();
    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<Long, Known> connections = new ConcurrentHashMap<>();
    private final Map<Long, SendMode> modes = new ConcurrentHashMap<>();
    private final AtomicReference<SendMode> defaultMode = new AtomicReference<>(new SendMode.Ok());
    private final AtomicReference<Optional<String>> connectFailure = new AtomicReference<>(Optional.empty());

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> names() {
        return Map.of("en", "Test channel", "ru", "Тестовый канал");
    }

    @Override
    public ChannelCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<SettingField> settings() {
        return SETTINGS;
    }

    @Override
    public Map<String, String> validate(Map<String, String> settings, Locale locale) {
        String token = settings.getOrDefault("token", "");
        if (!token.isBlank() && !token.startsWith("ok-")) {
            return Map.of("token", "ru".equals(locale.getLanguage())
                    ? "Тестовая платформа не знает такого токена: он начинается с ok-"
                    : "The test platform knows no such token: it starts with ok-");
        }
        return Map.of();
    }

    @Override
    public ConnectResult connect(ConnectionContext connection) {
        connections.merge(id(connection), new Known(connection, 1, 0),
                (old, now) -> new Known(connection, old.connects() + 1, old.disconnects()));
        return connectFailure.get().<ConnectResult>map(ConnectResult::failed).orElseGet(ConnectResult::connected);
    }

    @Override
    public void disconnect(ConnectionContext connection) {
        connections.merge(id(connection), new Known(connection, 0, 1),
                (old, now) -> new Known(connection, old.connects(), old.disconnects() + 1));
    }

    @Override
    public WebhookOutcome handle(WebhookRequest request, ConnectionContext connection) {
        seen(connection);
        if (request.method().equals("GET")) {
            return handshake(request, connection);
        }
        if (!sameSecret(request.header(SECRET_HEADER), connection)) {
            return new WebhookOutcome.Refuse(403, "the " + SECRET_HEADER + " header is missing or wrong");
        }
        List<InboundEvent> events;
        try {
            events = WebhookPayload.read(request.body(), connection.connection().id());
        } catch (WebhookPayload.Malformed e) {
            return new WebhookOutcome.Ignore("a body the test platform never sends: " + e.getMessage());
        }
        if (events.isEmpty()) {
            return new WebhookOutcome.Ignore("no event the test channel handles");
        }
        return new WebhookOutcome.Accept(events);
    }

    /** Meta's subscription check: the verify token is the connection's webhook secret; the challenge is echoed. */
    private static WebhookOutcome handshake(WebhookRequest request, ConnectionContext connection) {
        if (!request.parameter("hub.mode").map("subscribe"::equals).orElse(false)) {
            return new WebhookOutcome.Ignore("a GET that is no subscription handshake");
        }
        if (!sameSecret(request.parameter("hub.verify_token"), connection)) {
            return new WebhookOutcome.Refuse(403, "the handshake's verify token is wrong");
        }
        return new WebhookOutcome.Answer(WebhookAnswer.text(request.parameter("hub.challenge").orElse("")));
    }

    private static boolean sameSecret(Optional<String> given, ConnectionContext connection) {
        String expected = connection.webhookSecret();
        return given.isPresent() && !expected.isEmpty() && MessageDigest.isEqual(
                given.get().getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public DeliveryResult send(OutboundMessage message) {
        seen(message.connection());
        InFlight call = new InFlight(message.id().value(), id(message.connection()));
        inFlight.add(call);
        try {
            return deliver(message);
        } finally {
            inFlight.remove(call);
        }
    }

    private DeliveryResult deliver(OutboundMessage message) {
        long connection = id(message.connection());
        SendMode mode = modes.getOrDefault(connection, defaultMode.get());
        Duration delay = mode.delay();
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return attempt(message, new DeliveryResult.Retry("interrupted while sending"));
            }
        }
        Optional<DeliveryResult> answer = mode.answer();
        if (answer.isPresent()) {
            return attempt(message, answer.get());
        }
        List<File> files = new ArrayList<>();
        for (OutboundAttachment a : message.attachments()) {
            try (InputStream in = a.open()) {
                files.add(new File(a.file().id().value(), a.file().name(), a.file().contentType(),
                        a.file().size(), sha256(in), a.publicUrl()));
            } catch (IOException e) {
                return attempt(message, new DeliveryResult.Retry("could not read a file: " + e.getMessage()));
            }
        }
        // unique for good, as a platform's ids are: a restarted bundle must not hand out an id again
        String externalId = "out-" + UUID.randomUUID();
        Delivery delivery = new Delivery(message.id().value(), connection, message.externalUserId(), message.text(),
                message.attempt(), externalId, List.copyOf(files), Instant.now());
        try {
            journal(delivery);
        } catch (IOException e) {
            return attempt(message, new DeliveryResult.Retry("the test platform could not record the message"));
        }
        delivered.add(delivery);
        return attempt(message, new DeliveryResult.Sent(externalId));
    }

    /**
     * Appends the delivery to the journal file, if the tests named one: a single write of one line in append mode,
     * which the operating system keeps when the process is killed right after it (no fsync: the machine stays up).
     */
    private static void journal(Delivery d) throws IOException {
        String file = System.getProperty(JOURNAL);
        if (file == null || file.isBlank()) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("message", d.message());
        fields.put("connection", d.connection());
        fields.put("user", d.externalUserId());
        fields.put("attempt", d.attempt());
        fields.put("external", d.externalId());
        fields.put("text", d.text());
        String line = fields.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "", "\n"));
        synchronized (TestConnector.class) {
            Files.writeString(Path.of(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    private DeliveryResult attempt(OutboundMessage message, DeliveryResult result) {
        String kind;
        String reason;
        if (result instanceof DeliveryResult.Sent sent) {
            kind = "sent";
            reason = String.join(",", sent.externalIds());
        } else if (result instanceof DeliveryResult.Retry retry) {
            kind = "retry";
            reason = retry.reason();
        } else if (result instanceof DeliveryResult.Refused refused) {
            kind = "refused";
            reason = refused.refusal() + ": " + refused.reason();
        } else {
            kind = "failing";
            reason = ((DeliveryResult.ConnectionFailing) result).reason();
        }
        attempts.add(new Attempt(message.id().value(), id(message.connection()), message.attempt(), kind, reason,
                Instant.now()));
        return result;
    }

    @Override
    public FetchedFile fetch(RemoteFile file, ConnectionContext connection) throws IOException {
        seen(connection);
        URI uri;
        try {
            uri = URI.create(file.ref());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the test platform's file references are URLs");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("the test platform's file references are http(s) URLs");
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(90)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fetches.add(new Fetch(file.ref(), 0, Instant.now()));
            throw new IOException("interrupted while fetching", e);
        } catch (IOException e) {
            fetches.add(new Fetch(file.ref(), 0, Instant.now()));
            throw e;
        }
        int status = response.statusCode();
        fetches.add(new Fetch(file.ref(), status, Instant.now()));
        if (status == 200) {
            OptionalLong length = response.headers().firstValueAsLong("Content-Length");
            return new FetchedFile(response.body(), response.headers().firstValue("Content-Type"), length);
        }
        response.body().close();
        if (status == 404 || status == 410) {
            throw new IllegalArgumentException("the test platform no longer has the file (" + status + ")");
        }
        throw new IOException("the test platform answered " + status + " for a file");
    }

    // ------------------------------------------------------------------------------------- for the steering servlet

    List<Delivery> delivered() {
        return List.copyOf(delivered);
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    List<Fetch> fetches() {
        return List.copyOf(fetches);
    }

    List<InFlight> inFlight() {
        return List.copyOf(inFlight);
    }

    Optional<Known> known(long connection) {
        return Optional.ofNullable(connections.get(connection));
    }

    Map<Long, Known> known() {
        return Map.copyOf(connections);
    }

    /** Sets how sends through {@code connection} (all connections when empty) are answered. */
    void mode(Optional<Long> connection, String mode) {
        SendMode parsed = SendMode.parse(mode);
        if (connection.isPresent()) {
            modes.put(connection.get(), parsed);
        } else {
            modes.clear();
            defaultMode.set(parsed);
        }
        LOG.info("Test channel sends {} now{}", mode, connection.map(c -> " through connection " + c).orElse(""));
    }

    /** Makes {@link #connect} fail with {@code reason}, or succeed again when empty. */
    void connectFailure(Optional<String> reason) {
        connectFailure.set(reason);
    }

    /** Forgets what was recorded and returns to sending everything and connecting. */
    void reset() {
        delivered.clear();
        attempts.clear();
        fetches.clear();
        modes.clear();
        defaultMode.set(new SendMode.Ok());
        connectFailure.set(Optional.empty());
    }

    private void seen(ConnectionContext connection) {
        connections.merge(id(connection), new Known(connection, 0, 0),
                (old, now) -> new Known(connection, old.connects(), old.disconnects()));
    }

    private static long id(ConnectionContext connection) {
        return connection.connection().id().value();
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[16 * 1024];
        for (int n; (n = in.read(buffer)) != -1; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
