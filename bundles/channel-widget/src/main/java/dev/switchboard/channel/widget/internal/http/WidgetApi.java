package dev.switchboard.channel.widget.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.channel.ConnectionContext;
import dev.switchboard.api.channel.InboundAttachment;
import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.channel.RemoteFile;
import dev.switchboard.api.chat.ClientMessage;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.error.DomainException;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.channel.widget.internal.Texts;
import dev.switchboard.channel.widget.internal.connector.Origins;
import dev.switchboard.channel.widget.internal.connector.WidgetConnector;
import dev.switchboard.channel.widget.internal.connector.WidgetSettings;
import dev.switchboard.channel.widget.internal.live.LiveStreams;
import dev.switchboard.channel.widget.internal.live.Transcript;
import dev.switchboard.channel.widget.internal.live.VisitorKey;
import dev.switchboard.channel.widget.internal.token.Identity;
import dev.switchboard.channel.widget.internal.token.UploadIds;
import dev.switchboard.channel.widget.internal.token.VisitorIds;
import dev.switchboard.channel.widget.internal.token.VisitorTokens;
import dev.switchboard.channel.widget.internal.transcript.MessageView;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The visitors' API behind {@code /widget/api/<key>/<endpoint>} (issue 10; INB-1, MSG-1, MSG-2, INP-2, INP-3, CARD-2,
 * CARD-6, CARD-8), apart from the servlet container so that every rule is tested as plain Java. Each call:
 * <ol>
 *   <li>names a switched-on widget connection by its key, else 404 {@code unavailable};</li>
 *   <li>comes from one of the connection's allowed origins ({@code Origin}, or a same-origin request's own), else
 *       403 {@code origin}; answers carry {@code Access-Control-Allow-Origin} for that origin, never a cookie;</li>
 *   <li>is counted against its address's limit (300 requests a minute), else 429 {@code rate};</li>
 *   <li>carries a visitor token of the connection where the endpoint needs one, else 401 {@code token}; a token of
 *       the previous generation is taken and its renewal sent in {@code X-Widget-Token}.</li>
 * </ol>
 * Errors are {@code {"error": code, "message": text}} in the request's language ({@code ?lang=} or
 * {@code Accept-Language}). Nothing a visitor sends is interpreted: texts, names and file names are stored and
 * returned as JSON strings.
 */
public final class WidgetApi {

    private static final Logger LOG = LoggerFactory.getLogger(WidgetApi.class);

    static final int MAX_JSON = 64 * 1024;
    static final int PAGE = 30;
    static final int MAX_PAGE = 100;
    static final Duration LINK = Duration.ofDays(1);
    static final String TOKEN_HEADER = "X-Widget-Token";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{20,64}");
    private static final Map<String, Set<String>> METHODS = Map.of(
            "config", Set.of("GET"), "session", Set.of("POST"), "messages", Set.of("GET", "POST"),
            "files", Set.of("POST"), "events", Set.of("GET"), "poll", Set.of("GET"), "read", Set.of("POST"),
            "contact", Set.of("POST"));

    private static final Set<String> FILE_REFUSALS = Set.of("file.executable", "file.kind", "file.tooLarge",
            "file.empty", "file.name");

    private final Supplier<Core> cores;
    private final LiveStreams live;
    private final RateLimits limits;
    private final Clock clock;
    private final Supplier<Boolean> trustProxy;

    public WidgetApi(Supplier<Core> cores, LiveStreams live, RateLimits limits, Clock clock,
                     Supplier<Boolean> trustProxy) {
        this.cores = cores;
        this.live = live;
        this.limits = limits;
        this.clock = clock;
        this.trustProxy = trustProxy;
    }

    /** One call to {@code path}, the part after {@code /widget/api/}: {@code <key>/<endpoint>}. */
    public Reply handle(String path, ApiRequest request) {
        Call call = new Call(request);
        try {
            return dispatch(path, call);
        } catch (Refused refused) {
            return new Reply.Answer(call.error(refused));
        } catch (RuntimeException e) {
            LOG.warn("A widget call failed: {}", e.toString());
            return new Reply.Answer(call.error(new Refused(503, "later")));
        }
    }

    private Reply dispatch(String path, Call call) {
        ApiRequest request = call.request;
        String[] parts = path == null ? new String[0] : path.split("/", -1);
        if (parts.length != 2 || !KEY.matcher(parts[0]).matches() || !METHODS.containsKey(parts[1])) {
            throw new Refused(404, "path");
        }
        String endpoint = parts[1];
        boolean preflight = request.method().equals("OPTIONS");
        Core core = cores.get();
        if (core == null || !core.complete()) {
            request.header("Origin").ifPresent(call::allow);
            throw new Refused(503, "later");
        }
        Optional<ConnectionContext> found;
        try {
            found = core.connections().byKey(WidgetConnector.TYPE, parts[0]);
        } catch (RuntimeException e) {
            LOG.warn("The widget could not look up a connection: {}", e.toString());
            throw new Refused(503, "later");
        }
        Optional<String> origin = Callers.origin(request);
        if (found.isEmpty()) {
            // nothing to hide: tell the page, so that the widget can say the chat is not available
            request.header("Origin").ifPresent(o -> call.allow(o));
            if (preflight) {
                return new Reply.Answer(ApiAnswer.empty(204, call.preflight()));
            }
            throw new Refused(404, "unavailable");
        }
        ConnectionContext connection = found.get();
        WidgetSettings settings = WidgetSettings.of(connection);
        if (origin.isEmpty() || !Origins.allowed(settings.origins(), origin.get())) {
            throw new Refused(403, "origin");
        }
        request.header("Origin").ifPresent(call::allow);
        if (preflight) {
            return new Reply.Answer(ApiAnswer.empty(204, call.preflight()));
        }
        // after the origin's check, so that the page can read the answer and its Retry-After
        long wait = limits.request(call.address);
        if (wait > 0) {
            throw Refused.rate(wait);
        }
        if (!METHODS.get(endpoint).contains(request.method())) {
            call.headers.put("Allow", String.join(", ", METHODS.get(endpoint).stream().sorted().toList()));
            throw new Refused(405, "method");
        }
        Session s = new Session(core, connection, settings, call);
        return switch (endpoint) {
            case "config" -> config(s);
            case "session" -> session(s);
            case "messages" -> request.method().equals("GET") ? messages(s.visitor()) : post(s.visitor());
            case "files" -> upload(s.visitor());
            case "events" -> new Reply.Stream(s.visitor().key(), transcript(s.visitor()), s.call.streamHeaders());
            case "poll" -> poll(s.visitor());
            case "read" -> read(s.visitor());
            case "contact" -> contact(s.visitor());
            default -> throw new Refused(404, "path");
        };
    }

    // -------------------------------------------------------------------------------------------- endpoints

    /** {@code GET config}: what the widget shows before the visitor writes; nothing is stored. */
    private Reply config(Session s) {
        Locale locale = s.call.locale;
        ObjectNode config = Bodies.JSON.createObjectNode();
        config.put("team", s.settings.teamName());
        config.put("colour", s.settings.colour());
        config.put("greeting", s.settings.greeting(locale));
        config.put("online", s.read(() -> s.core.presence().anyoneOnline(s.connection.connection().project())));
        config.put("offline", s.settings.offline(locale));
        Optional<String> consent = s.settings.consent(locale);
        if (consent.isPresent()) {
            config.put("consent", consent.get());
        } else {
            config.putNull("consent");
        }
        ArrayNode prechat = config.putArray("prechat");
        for (String field : WidgetSettings.PRECHAT_FIELDS) {
            WidgetSettings.Need need = s.settings.prechat(field);
            if (need != WidgetSettings.Need.OFF) {
                prechat.addObject().put("field", field).put("required", need == WidgetSettings.Need.REQUIRED);
            }
        }
        config.put("maxText", WidgetConnector.CAPABILITIES.maxTextLength());
        ObjectNode files = config.putObject("files");
        FileLimits inbound = WidgetConnector.CAPABILITIES.inbound();
        for (MediaKind kind : MediaKind.values()) {
            inbound.of(kind).ifPresent(max -> files.put(kind.name().toLowerCase(Locale.ROOT), max));
        }
        return ok(200, s.call, config);
    }

    /**
     * {@code POST session}: a verified identity (a user id with its hash) wins; else a valid token keeps its visitor
     * (renewed when of the previous generation); else a new anonymous visitor. Nothing is stored: the token is all.
     */
    private Reply session(Session s) {
        JsonNode body = Bodies.object(s.call.request, 4096);
        Optional<String> token = Bodies.string(body, "token", "token").filter(t -> !t.isBlank());
        Optional<String> userId = Bodies.string(body, "userId", "identity.userId");
        Optional<String> userHash = Bodies.string(body, "userHash", "identity.invalid");
        ConnectionContext c = s.connection;
        String visitor;
        if (userId.isPresent()) {
            Optional<String> secret = s.settings.identitySecret();
            if (secret.isEmpty()) {
                throw new Refused(400, "identity.off");
            }
            if (!Identity.validUserId(userId.get())) {
                throw new Refused(400, "identity.userId");
            }
            if (!Identity.matches(secret.get(), userId.get(), userHash.orElse(""))) {
                throw new Refused(403, "identity.invalid");
            }
            visitor = Identity.visitor(userId.get());
            boolean same = token.flatMap(t -> VisitorTokens.verify(t, c.connection().id(), c.webhookSecret(),
                    s.settings.generation())).map(v -> v.visitor().equals(visitor)).orElse(false);
            if (!same) {
                newSession(s.call);
            }
        } else if (token.isPresent()) {
            visitor = VisitorTokens.verify(token.get(), c.connection().id(), c.webhookSecret(),
                    s.settings.generation()).orElseThrow(() -> new Refused(401, "token")).visitor();
        } else {
            newSession(s.call);
            visitor = VisitorIds.anonymous();
        }
        String issued = VisitorTokens.issue(c.connection().id(), c.webhookSecret(), s.settings.generation(), visitor,
                clock.instant());
        ObjectNode answer = Bodies.JSON.createObjectNode();
        answer.put("token", issued);
        answer.put("visitor", visitor);
        return ok(200, s.call, answer);
    }

    private void newSession(Call call) {
        long wait = limits.session(call.address);
        if (wait > 0) {
            throw Refused.rate(wait);
        }
    }

    /** {@code GET messages}: a page of the visitor's own transcript, newest first. */
    private Reply messages(Visitor v) {
        Optional<String> before = v.s.call.request.parameter("before").filter(b -> !b.isBlank());
        if (before.isPresent() && before.get().length() > 200) {
            throw new Refused(400, "cursor");
        }
        int size = v.s.call.request.parameter("size").map(WidgetApi::size).orElse(PAGE);
        Page<ClientMessage> page;
        try {
            page = v.s.read(() -> v.s.core.transcripts().history(v.connectionId(), v.id, before, size));
        } catch (InvalidInput e) {
            throw new Refused(400, "cursor");
        }
        ObjectNode answer = Bodies.JSON.createObjectNode();
        ArrayNode messages = answer.putArray("messages");
        page.items().forEach(m -> messages.add(view(v.s.core, m)));
        if (page.next().isPresent()) {
            answer.put("next", page.next().get());
        } else {
            answer.putNull("next");
        }
        return ok(200, v.s.call, answer);
    }

    private static int size(String value) {
        try {
            int size = Integer.parseInt(value.strip());
            if (size >= 1 && size <= MAX_PAGE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new Refused(400, "size", MAX_PAGE);
    }

    /** {@code POST messages}: the visitor writes (INB-1, MSG-1); a repeated id answers the message stored first. */
    private Reply post(Visitor v) {
        long wait = limits.message(v.limitKey());
        if (wait > 0) {
            throw Refused.rate(wait);
        }
        Session s = v.s;
        JsonNode body = Bodies.object(s.call.request, MAX_JSON);
        boolean first = s.read(() -> s.core.transcripts().chat(v.connectionId(), v.id)).isEmpty();
        PostedMessage posted = PostedMessage.parse(body, s.settings, WidgetConnector.CAPABILITIES.maxTextLength(),
                first);
        List<InboundAttachment> attachments = new ArrayList<>();
        for (String upload : posted.uploads()) {
            FileId file = UploadIds.verify(upload, v.connectionId(), s.connection.webhookSecret(), v.id)
                    .orElseThrow(() -> new Refused(400, "files.unknown"));
            StoredFile stored = s.read(() -> s.core.files().find(file))
                    .filter(f -> f.project().equals(s.connection.connection().project()))
                    .orElseThrow(() -> new Refused(400, "files.unknown"));
            String ref = WidgetConnector.UPLOAD_REF + file.value();
            attachments.add(new InboundAttachment(stored.kind(), new RemoteFile(ref, Optional.of(ref),
                    Optional.of(stored.name()), Optional.of(stored.contentType()), OptionalLong.of(stored.size()))));
        }
        InboundMessage message = new InboundMessage(v.connectionId(), posted.externalId(), v.id,
                posted.contacts().profile(), posted.text(), clock.instant(), posted.tool(), posted.tracking(),
                attachments);
        Ingress.Received received = s.ingress(() -> s.core.ingress().accept(message));
        live.chatKnown(v.key(), received.chat());
        ClientMessage stored = s.read(() -> s.core.transcripts().history(v.connectionId(), v.id, Optional.empty(),
                PAGE)).items().stream().filter(m -> m.id().equals(received.message())).findFirst()
                .orElseGet(() -> new ClientMessage(received.message(), received.chat(), true, posted.text(),
                        message.sentAt(), Optional.empty(), List.of(), Optional.empty(), Optional.empty()));
        ObjectNode answer = Bodies.JSON.createObjectNode();
        answer.set("message", view(s.core, stored));
        return ok(received.duplicate() ? 200 : 201, s.call, answer);
    }

    /**
     * {@code POST files}: the raw body streamed into the blob store under the channel's inbound limits (INP-2,
     * INP-3); refused before a byte is read when its declared length passes the largest limit. The answer's
     * {@code upload} is signed for this visitor: nobody else's message can name it.
     */
    private Reply upload(Visitor v) {
        Session s = v.s;
        ApiRequest request = s.call.request;
        long wait = limits.upload(v.limitKey());
        if (wait > 0) {
            throw Refused.rate(wait);
        }
        FileLimits limitsIn = WidgetConnector.CAPABILITIES.inbound();
        if (request.contentLength() < 0) {
            throw new Refused(411, "length");
        }
        if (request.contentLength() > limitsIn.largest()) {
            throw new Refused(413, "file.tooLarge");
        }
        String name = request.header("X-File-Name").map(WidgetApi::percentDecoded).map(String::strip)
                .filter(n -> !n.isEmpty()).orElseThrow(() -> new Refused(400, "file.name"));
        StoredFile stored;
        try (InputStream body = new Bounded(request.body(), request.contentLength())) {
            stored = s.read(() -> s.core.files().store(s.connection.connection().project(), name, body, limitsIn));
        } catch (InvalidInput e) {
            throw new Refused(400, FILE_REFUSALS.contains(e.field()) ? e.field() : "file.kind");
        } catch (IOException e) {
            throw new Refused(400, "file.empty");
        }
        ObjectNode answer = Bodies.JSON.createObjectNode();
        answer.put("upload", UploadIds.of(v.connectionId(), s.connection.webhookSecret(), v.id, stored.id()));
        answer.put("name", stored.name());
        answer.put("type", stored.contentType());
        answer.put("size", stored.size());
        answer.put("kind", stored.kind().name().toLowerCase(Locale.ROOT));
        return ok(201, s.call, answer);
    }

    /** {@code GET poll}: the long-poll fallback. */
    private Reply poll(Visitor v) {
        long since = v.s.call.request.parameter("since").map(value -> {
            try {
                return Math.max(0, Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                throw new Refused(400, "since");
            }
        }).orElse(0L);
        return new Reply.Poll(v.key(), transcript(v), since, v.s.call.jsonHeaders());
    }

    /** {@code POST read}: the visitor has seen the team's messages up to a time (ReadUpTo READ). */
    private Reply read(Visitor v) {
        JsonNode body = Bodies.object(v.s.call.request, 4096);
        Instant upTo;
        try {
            upTo = Instant.parse(Bodies.string(body, "upTo", "upTo").orElseThrow(() -> new Refused(400, "upTo")));
        } catch (DateTimeParseException e) {
            throw new Refused(400, "upTo");
        }
        Instant now = clock.instant();
        Instant until = upTo.isAfter(now) ? now : upTo;
        v.s.ingress(() -> v.s.core.ingress().apply(new InboundEvent.ReadUpTo(v.connectionId(), v.id,
                DeliveryState.READ, until)));
        return new Reply.Answer(ApiAnswer.empty(204, v.s.call.headers));
    }

    /** {@code POST contact}: contact details typed later, e.g. in the nobody-online form (CARD-6). */
    private Reply contact(Visitor v) {
        JsonNode body = Bodies.object(v.s.call.request, 4096);
        PostedMessage.Contacts contacts = PostedMessage.Contacts.read(body);
        if (contacts.none()) {
            throw new Refused(400, "empty");
        }
        // the core keeps a card only for a client who has written: details of a visitor without a chat would be
        // dropped, so the visitor is asked to write first (the widget offers the form under their first message)
        if (v.s.read(() -> v.s.core.transcripts().chat(v.connectionId(), v.id)).isEmpty()) {
            throw new Refused(409, "contact.first");
        }
        v.s.ingress(() -> v.s.core.ingress().apply(new InboundEvent.ProfileChanged(v.connectionId(), v.id,
                contacts.profile(), clock.instant())));
        return new Reply.Answer(ApiAnswer.empty(204, v.s.call.headers));
    }

    /** 503 {@code busy}: the node has as many streams and polls open as it takes. */
    static ApiAnswer busy(ApiRequest request) {
        Locale locale = Texts.negotiate(request.parameter("lang").orElse(null),
                request.header("Accept-Language").orElse(null));
        ObjectNode body = Bodies.JSON.createObjectNode();
        body.put("error", "busy");
        body.put("message", Texts.of(locale).text("error.busy"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        headers.put("Retry-After", "10");
        request.header("Origin").ifPresent(o -> headers.put("Access-Control-Allow-Origin", o));
        headers.put("Vary", "Origin");
        return ApiAnswer.json(503, headers, write(body));
    }

    // -------------------------------------------------------------------------------------------- helpers

    /** The visitor's transcript as a live stream reads it, always through the core's services of the moment. */
    private Transcript transcript(Visitor v) {
        var connection = v.connectionId();
        String visitor = v.id;
        return new Transcript() {
            @Override
            public Optional<ChatId> chat() {
                return current().transcripts().chat(connection, visitor);
            }

            @Override
            public List<ClientMessage> latest() {
                return current().transcripts().history(connection, visitor, Optional.empty(), PAGE).items();
            }

            @Override
            public String json(ClientMessage message) {
                return write(view(current(), message));
            }

            private Core current() {
                Core core = cores.get();
                if (core == null || !core.complete()) {
                    throw new IllegalStateException("the core is not available now");
                }
                return core;
            }
        };
    }

    private static ObjectNode view(Core core, ClientMessage message) {
        return MessageView.json(message, file -> {
            try {
                return Optional.of(core.links().link(file, LINK));
            } catch (RuntimeException e) {
                LOG.debug("No link for a widget file now: {}", e.toString());
                return Optional.<URI>empty();
            }
        });
    }

    private static String write(JsonNode node) {
        try {
            return Bodies.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply ok(int status, Call call, JsonNode body) {
        return new Reply.Answer(ApiAnswer.json(status, call.headers, write(body)));
    }

    /** A percent-encoded header value ({@code encodeURIComponent}); a '+' stays a '+'. */
    static String percentDecoded(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refused(400, "file.name");
        }
    }

    /** One call: its request, language, address and the headers every answer to it carries. */
    private final class Call {
        final ApiRequest request;
        final Locale locale;
        final String address;
        final Map<String, String> headers = new LinkedHashMap<>();

        Call(ApiRequest request) {
            this.request = request;
            this.locale = Texts.negotiate(request.parameter("lang").orElse(null),
                    request.header("Accept-Language").orElse(null));
            this.address = Callers.address(request, Boolean.TRUE.equals(trustProxy.get()));
            headers.put("Cache-Control", "no-store");
            headers.put("Vary", "Origin");
            headers.put("X-Content-Type-Options", "nosniff");
        }

        void allow(String origin) {
            headers.put("Access-Control-Allow-Origin", origin);
            headers.put("Access-Control-Expose-Headers", TOKEN_HEADER + ", Retry-After");
        }

        Map<String, String> preflight() {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put("Access-Control-Allow-Methods", "GET, POST");
            all.put("Access-Control-Allow-Headers", "Authorization, Content-Type, X-File-Name");
            all.put("Access-Control-Max-Age", "600");
            return all;
        }

        Map<String, String> streamHeaders() {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put("Content-Type", "text/event-stream;charset=UTF-8");
            // nginx and others must not hold the stream back
            all.put("X-Accel-Buffering", "no");
            return all;
        }

        Map<String, String> jsonHeaders() {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put("Content-Type", ApiAnswer.JSON);
            return all;
        }

        ApiAnswer error(Refused refused) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.putAll(refused.headers);
            ObjectNode body = Bodies.JSON.createObjectNode();
            body.put("error", refused.code);
            body.put("message", Texts.of(locale).text("error." + refused.code, refused.arguments));
            return ApiAnswer.json(refused.status, all, write(body));
        }
    }

    /** A call on a connection, before or after its token is read. */
    private final class Session {
        final Core core;
        final ConnectionContext connection;
        final WidgetSettings settings;
        final Call call;
        private Visitor visitor;

        Session(Core core, ConnectionContext connection, WidgetSettings settings, Call call) {
            this.core = core;
            this.connection = connection;
            this.settings = settings;
            this.call = call;
        }

        /** The token's visitor: from {@code Authorization: Bearer}, or {@code ?t=} (an EventSource sets no header). */
        Visitor visitor() {
            if (visitor != null) {
                return visitor;
            }
            Optional<String> token = call.request.header("Authorization").map(String::strip)
                    .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).strip())
                    .or(() -> call.request.parameter("t"));
            VisitorTokens.Verified verified = token.flatMap(t -> VisitorTokens.verify(t, connection.connection().id(),
                    connection.webhookSecret(), settings.generation())).orElseThrow(() -> new Refused(401, "token"));
            if (verified.renew()) {
                call.headers.put(TOKEN_HEADER, VisitorTokens.issue(connection.connection().id(),
                        connection.webhookSecret(), settings.generation(), verified.visitor(), clock.instant()));
            }
            visitor = new Visitor(this, verified.visitor());
            return visitor;
        }

        /**
         * A read of the core: a value it refuses is the caller's to tell ({@link InvalidInput}), a connection gone
         * meanwhile is 404, a passing failure 503.
         */
        <T> T read(Supplier<T> read) {
            try {
                return read.get();
            } catch (InvalidInput | Refused e) {
                throw e;
            } catch (NotFound e) {
                throw new Refused(404, "unavailable");
            } catch (DomainException e) {
                throw new Refused(400, "invalid", e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("The widget could not read from the core: {}", e.toString());
                throw new Refused(503, "later");
            }
        }

        /**
         * A call of the ingress: a connection switched off meanwhile is 404, a value it refuses 400 (for good, the
         * same every time), anything else passing (503: the widget sends again with the same id).
         */
        <T> T ingress(Supplier<T> write) {
            try {
                return write.get();
            } catch (Refused e) {
                throw e;
            } catch (NotFound e) {
                throw new Refused(404, "unavailable");
            } catch (DomainException e) {
                throw new Refused(400, "invalid", e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("The widget could not store a visitor's message or event: {}", e.toString());
                throw new Refused(503, "later");
            }
        }
    }

    /** The caller's visitor on the connection. */
    private record Visitor(Session s, String id) {

        dev.switchboard.api.domain.ConnectionId connectionId() {
            return s.connection.connection().id();
        }

        VisitorKey key() {
            return new VisitorKey(connectionId(), id);
        }

        String limitKey() {
            return connectionId() + ":" + id;
        }
    }

    /** The body up to its declared length: a stream that claims more is cut there. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long length) {
            super(in == null ? InputStream.nullInputStream() : in);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the container owns the request's stream
        }
    }
}
