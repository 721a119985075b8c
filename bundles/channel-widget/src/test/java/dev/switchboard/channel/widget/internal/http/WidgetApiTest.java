package dev.switchboard.channel.widget.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.channel.ConnectionContext;
import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.channel.widget.internal.DirectExecutor;
import dev.switchboard.channel.widget.internal.FakeCore;
import dev.switchboard.channel.widget.internal.live.LiveStreams;
import dev.switchboard.channel.widget.internal.token.Identity;
import dev.switchboard.channel.widget.internal.token.VisitorTokens;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The visitors' API end to end through {@link WidgetApi}, on fakes of the core's services (issue 10; INB-1, MSG-1,
 * INP-2, INP-3, CARD-6, CARD-8): what a browser's calls get back, and what reaches the ingress.
 */
class WidgetApiTest {

    private static final String KEY = "Kk0123456789abcdefghij_-";
    private static final String SITE = "https://shop.example";
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeCore core = new FakeCore();
    private final Map<String, String> settings = new HashMap<>(Map.of("origins", SITE + "\nhttp://localhost:8181"));
    private ConnectionContext connection = core.connection(7, 3, KEY, settings);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final LiveStreams live = new LiveStreams(Executors.newSingleThreadScheduledExecutor(),
            new DirectExecutor(), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1), Duration.ofHours(1));
    private boolean trustProxy;
    private boolean coreAway;
    private final WidgetApi api = new WidgetApi(
            () -> coreAway ? new Core(null, core, core, core, core, core)
                    : new Core(core, core, core, core, core, core),
            live, new RateLimits(nanos::get), Clock.fixed(NOW, ZoneOffset.UTC), () -> trustProxy);

    @AfterEach
    void stop() {
        live.stop();
    }

    private void set(String key, String value) {
        settings.put(key, value);
        connection = core.connection(7, 3, KEY, settings);
    }

    // ------------------------------------------------------------------------------------------ a small client

    private final class Call {
        private final String method;
        private final String endpoint;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private String key = KEY;
        private InputStream body;
        private long length = -1;
        private String address = "203.0.113.5";

        Call(String method, String endpoint) {
            this.method = method;
            this.endpoint = endpoint;
            headers.put("Origin", SITE);
        }

        Call key(String k) {
            key = k;
            return this;
        }

        Call header(String name, String value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
            return this;
        }

        Call token(String token) {
            return header("Authorization", "Bearer " + token);
        }

        Call query(String name, String value) {
            query.put(name, List.of(value));
            return this;
        }

        Call json(String json) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            body = new ByteArrayInputStream(bytes);
            length = bytes.length;
            return header("Content-Type", "application/json");
        }

        Call body(InputStream in, long declared) {
            body = in;
            length = declared;
            return this;
        }

        Call from(String remote) {
            address = remote;
            return this;
        }

        Reply reply() {
            return api.handle(key + "/" + endpoint, new ApiRequest(method, query, headers, address, "http", length,
                    body == null ? InputStream.nullInputStream() : body));
        }

        ApiAnswer answer() {
            Reply r = reply();
            assertThat(r).isInstanceOf(Reply.Answer.class);
            return ((Reply.Answer) r).answer();
        }
    }

    private Call get(String endpoint) {
        return new Call("GET", endpoint);
    }

    private Call post(String endpoint) {
        return new Call("POST", endpoint);
    }

    private static JsonNode json(ApiAnswer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(answer.text(), e);
        }
    }

    private static void assertError(ApiAnswer answer, int status, String code) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(json(answer).path("error").asText()).isEqualTo(code);
        assertThat(json(answer).path("message").asText()).isNotBlank().doesNotStartWith("!");
    }

    private String session() {
        ApiAnswer a = post("session").json("{}").answer();
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return json(a).path("token").asText();
    }

    private String visitorOf(String token) {
        return VisitorTokens.verify(token, connection.connection().id(), connection.webhookSecret(), 1)
                .orElseThrow().visitor();
    }

    private static String message(String text) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"text\":" + quote(text) + "}";
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------------------------------ who may call

    @Test
    void WIDGET_anUnknownKeyOrASwitchedOffConnectionIsUnavailable() {
        ApiAnswer unknown = get("config").key("Zz0123456789abcdefghij").answer();
        assertError(unknown, 404, "unavailable");
        assertThat(json(unknown).path("message").asText()).isEqualTo("The chat is not available now");
        // the page may read why, so that the widget says so
        assertThat(unknown.header("Access-Control-Allow-Origin")).isEqualTo(SITE);

        String token = session();
        core.disable(KEY);
        assertError(get("messages").token(token).answer(), 404, "unavailable");
        assertError(get("config").key("short").answer(), 404, "path");
        assertError(get("nothing").answer(), 404, "path");
    }

    @Test
    void WIDGET_aRequestFromADisallowedOriginIsRefused() {
        ApiAnswer evil = get("config").header("Origin", "https://evil.example").answer();
        assertError(evil, 403, "origin");
        assertThat(evil.header("Access-Control-Allow-Origin")).isNull();

        assertError(get("config").header("Origin", "http://shop.example").answer(), 403, "origin");
        assertError(get("config").header("Origin", "null").answer(), 403, "origin");
        assertError(get("config").header("Origin", null).answer(), 403, "origin");

        ApiAnswer ok = get("config").header("Origin", "HTTPS://Shop.Example:443").answer();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo("HTTPS://Shop.Example:443");
        assertThat(ok.header("Vary")).isEqualTo("Origin");
        assertThat(ok.header("Cache-Control")).isEqualTo("no-store");
        assertThat(ok.headers()).doesNotContainKey("Set-Cookie");
    }

    @Test
    void WIDGET_aSameOriginCallWithoutOriginIsFromTheRequestsOwnHost() {
        ApiAnswer same = get("config").header("Origin", null).header("Sec-Fetch-Site", "same-origin")
                .header("Host", "localhost:8181").answer();
        assertThat(same.status()).as(same.text()).isEqualTo(200);

        assertError(get("config").header("Origin", null).header("Sec-Fetch-Site", "same-origin")
                .header("Host", "other.example").answer(), 403, "origin");
        assertError(get("config").header("Origin", null).header("Sec-Fetch-Site", "cross-site")
                .header("Host", "localhost:8181").answer(), 403, "origin");
        assertError(get("config").header("Origin", null).header("Host", "localhost:8181").answer(), 403, "origin");
    }

    @Test
    void WIDGET_aPreflightIsAnsweredForAllowedOriginsOnly() {
        ApiAnswer ok = new Call("OPTIONS", "messages").header("Access-Control-Request-Method", "POST").answer();
        assertThat(ok.status()).isEqualTo(204);
        assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo(SITE);
        assertThat(ok.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST");
        assertThat(ok.header("Access-Control-Allow-Headers")).isEqualTo("Authorization, Content-Type, X-File-Name");
        assertThat(ok.header("Access-Control-Max-Age")).isEqualTo("600");

        assertThat(new Call("OPTIONS", "messages").header("Origin", "https://evil.example").answer().status())
                .isEqualTo(403);
    }

    @Test
    void WIDGET_whileTheCoreRestartsTheApiAnswers503() {
        coreAway = true;

        assertError(get("config").answer(), 503, "later");
    }

    // ------------------------------------------------------------------------------------------ config

    @Test
    void WIDGET_configTellsWhatTheWidgetShowsInTheVisitorsLanguage() {
        set("team-name", "Acme Support");
        set("prechat.email", "required");
        set("prechat.name", "optional");
        set("consent.ru", "Согласен");

        JsonNode en = json(get("config").query("lang", "en").answer());
        assertThat(en.path("team").asText()).isEqualTo("Acme Support");
        assertThat(en.path("colour").asText()).isEqualTo("#1f6feb");
        assertThat(en.path("greeting").asText()).startsWith("Hello");
        assertThat(en.path("online").asBoolean()).isTrue();
        assertThat(en.path("offline").asText()).startsWith("We are away now");
        assertThat(en.path("consent").isNull()).isTrue();
        assertThat(en.path("prechat").toString())
                .isEqualTo("[{\"field\":\"name\",\"required\":false},{\"field\":\"email\",\"required\":true}]");
        assertThat(en.path("maxText").asInt()).isEqualTo(4096);
        assertThat(en.path("files").path("image").asLong()).isEqualTo(3L * 1024 * 1024);
        assertThat(en.path("files").path("file").asLong()).isEqualTo(100L * 1024 * 1024);
        assertThat(en.path("files").path("video").asLong()).isEqualTo(100L * 1024 * 1024);
        assertThat(en.path("files").path("audio").asLong()).isEqualTo(100L * 1024 * 1024);

        core.online = false;
        JsonNode ru = json(get("config").header("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5").answer());
        assertThat(ru.path("online").asBoolean()).isFalse();
        assertThat(ru.path("offline").asText()).startsWith("Сейчас нас нет");
        assertThat(ru.path("consent").asText()).isEqualTo("Согласен");
        assertThat(core.events).as("nothing is stored before the visitor writes").isEmpty();
    }

    // ------------------------------------------------------------------------------------------ sessions

    @Test
    void WIDGET_aNewVisitorGetsATokenAndAReturningOneKeepsTheirs() {
        ApiAnswer first = post("session").json("{}").answer();
        JsonNode body = json(first);
        assertThat(body.path("visitor").asText()).matches("v:[A-Za-z0-9_-]{22}");
        String token = body.path("token").asText();

        JsonNode again = json(post("session").json("{\"token\":" + quote(token) + "}").answer());
        assertThat(again.path("visitor").asText()).isEqualTo(body.path("visitor").asText());
        assertThat(again.path("token").asText()).isEqualTo(token);
        assertThat(core.events).isEmpty();
    }

    @Test
    void WIDGET_aForgedOrForeignTokenIsRefused() {
        String mine = session();
        String forged = mine.substring(0, mine.length() - 3) + (mine.endsWith("AAA") ? "BBB" : "AAA");
        String foreign = VisitorTokens.issue(new ConnectionId(8), FakeCore.SECRET, 1, "v:AAAAAAAAAAAAAAAAAAAAAA",
                NOW);

        assertError(post("session").json("{\"token\":" + quote(forged) + "}").answer(), 401, "token");
        assertError(post("session").json("{\"token\":" + quote(foreign) + "}").answer(), 401, "token");
        assertError(get("messages").token(forged).answer(), 401, "token");
        assertError(get("messages").token(foreign).answer(), 401, "token");
        assertError(get("messages").answer(), 401, "token");
        assertError(get("messages").header("Authorization", "Basic " + mine).answer(), 401, "token");
    }

    @Test
    void WIDGET_aTokenOfThePreviousGenerationIsRenewedAnOlderOneRefused() {
        String token = session();
        String visitor = visitorOf(token);
        set("token-generation", "2");

        JsonNode renewed = json(post("session").json("{\"token\":" + quote(token) + "}").answer());
        assertThat(renewed.path("visitor").asText()).isEqualTo(visitor);
        assertThat(renewed.path("token").asText()).isNotEqualTo(token);
        ApiAnswer messages = get("messages").token(token).answer();
        assertThat(messages.status()).isEqualTo(200);
        assertThat(messages.header("X-Widget-Token")).isNotBlank();
        assertThat(messages.header("Access-Control-Expose-Headers")).contains("X-Widget-Token");

        set("token-generation", "3");
        assertError(post("session").json("{\"token\":" + quote(token) + "}").answer(), 401, "token");
        assertThat(get("messages").token(renewed.path("token").asText()).answer().status()).isEqualTo(200);
    }

    @Test
    void WIDGET_aUserIdIsTakenOnlyWithItsHashAndOnlyWhenVerificationIsOn() {
        String hash = Identity.hash("i".repeat(40), "42");
        String claim = "{\"userId\":\"42\",\"userHash\":\"" + hash + "\"}";
        assertError(post("session").json(claim).answer(), 400, "identity.off");

        set("identity-secret", "i".repeat(40));
        JsonNode verified = json(post("session").json(claim).answer());
        assertThat(verified.path("visitor").asText()).isEqualTo("u:42");

        assertError(post("session").json("{\"userId\":\"43\",\"userHash\":\"" + hash + "\"}").answer(), 403,
                "identity.invalid");
        assertError(post("session").json("{\"userId\":\"42\"}").answer(), 403, "identity.invalid");
        assertError(post("session").json("{\"userId\":\"4\\n2\",\"userHash\":\"" + hash + "\"}").answer(), 400,
                "identity.userId");
    }

    @Test
    void WIDGET_aVerifiedIdentityWinsOverAnAnonymousToken() {
        set("identity-secret", "i".repeat(40));
        String anonymous = session();

        JsonNode verified = json(post("session").json("{\"token\":" + quote(anonymous) + ",\"userId\":\"42\","
                + "\"userHash\":\"" + Identity.hash("i".repeat(40), "42") + "\"}").answer());

        assertThat(verified.path("visitor").asText()).isEqualTo("u:42");
        assertThat(visitorOf(verified.path("token").asText())).isEqualTo("u:42");
    }

    // ------------------------------------------------------------------------------------------ messages

    @Test
    void INB1_aVisitorsMessageReachesTheIngressWithTheVisitAndTheSource() {
        set("tool", "site-widget");
        String token = session();
        String id = UUID.randomUUID().toString();

        ApiAnswer a = post("messages").token(token).json("{\"id\":\"" + id + "\",\"text\":\"  Hello!  \","
                + "\"fields\":{\"name\":\"Anna Maria Petrova\",\"email\":\"anna@shop.example\","
                + "\"phone\":\"+7 (912) 345-67-89\"},"
                + "\"page\":{\"url\":\"https://shop.example/sale?utm_source=newsletter&utm_campaign=winter\","
                + "\"referrer\":\"https://search.example/?q=tea\",\"ga\":\"GA1.2.123456789.1600000000\"}}").answer();

        assertThat(a.status()).as(a.text()).isEqualTo(201);
        JsonNode m = json(a).path("message");
        assertThat(m.path("from").asText()).isEqualTo("client");
        assertThat(m.path("text").asText()).isEqualTo("Hello!");
        assertThat(m.path("at").asText()).isEqualTo("2026-12-03T10:00:00Z");
        assertThat(m.path("author").isNull()).isTrue();
        InboundMessage in = (InboundMessage) core.events.get(0);
        assertThat(in.connection()).isEqualTo(connection.connection().id());
        assertThat(in.externalMessageId()).isEqualTo("w:" + id);
        assertThat(in.externalUserId()).isEqualTo(visitorOf(token));
        assertThat(in.text()).isEqualTo("Hello!");
        assertThat(in.sentAt()).isEqualTo(NOW);
        assertThat(in.source()).hasValue("site-widget");
        assertThat(in.tracking()).hasValue(new InboundMessage.Tracking(
                java.util.Optional.of("GA1.2.123456789.1600000000"),
                java.util.Optional.of("https://shop.example/sale?utm_source=newsletter&utm_campaign=winter"),
                java.util.Optional.of("https://search.example/?q=tea")));
        assertThat(in.profile().firstName()).hasValue("Anna");
        assertThat(in.profile().lastName()).hasValue("Maria Petrova");
        assertThat(in.profile().email()).hasValue("anna@shop.example");
        assertThat(in.profile().phone()).hasValue("+7 (912) 345-67-89");
    }

    @Test
    void CARD8_theToolOfThePageWinsOverTheConnectionsAndBadTrackingIsDroppedNotRefused() {
        set("tool", "site-widget");
        String token = session();

        ApiAnswer a = post("messages").token(token).json("{\"id\":\"" + UUID.randomUUID() + "\",\"text\":\"hi\","
                + "\"page\":{\"url\":\"javascript:alert(1)\",\"referrer\":\"https://x.example/" + "a".repeat(2000)
                + "\",\"tool\":\"winter-banner\"}}").answer();

        assertThat(a.status()).isEqualTo(201);
        InboundMessage in = (InboundMessage) core.events.get(0);
        assertThat(in.source()).hasValue("winter-banner");
        assertThat(in.tracking()).isEmpty();
    }

    @Test
    void WIDGET_aRepeatedMessageIdAnswersTheMessageStoredFirst() {
        String token = session();
        String body = message("once");

        ApiAnswer first = post("messages").token(token).json(body).answer();
        ApiAnswer again = post("messages").token(token).json(body).answer();

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(json(again).path("message").path("id").asText())
                .isEqualTo(json(first).path("message").path("id").asText());
        JsonNode page = json(get("messages").token(token).answer());
        assertThat(page.path("messages")).hasSize(1);
    }

    @Test
    void WIDGET_aVisitorReadsOnlyTheirOwnTranscriptNewestFirst() {
        String anna = session();
        String boris = session();
        post("messages").token(anna).json(message("from Anna")).answer();
        core.teamWrites(connection.connection().id(), visitorOf(anna), "to Anna", NOW.plusSeconds(1));
        for (int i = 0; i < 3; i++) {
            post("messages").token(boris).json(message("from Boris " + i)).answer();
        }

        JsonNode annas = json(get("messages").token(anna).answer());
        assertThat(annas.path("messages")).hasSize(2);
        assertThat(annas.path("messages").get(0).path("text").asText()).isEqualTo("to Anna");
        assertThat(annas.path("messages").get(0).path("from").asText()).isEqualTo("team");
        assertThat(annas.path("messages").get(0).path("author").asText()).isEqualTo("Anna");
        assertThat(annas.path("next").isNull()).isTrue();
        assertThat(annas.toString()).doesNotContain("Boris");

        JsonNode page = json(get("messages").token(boris).query("size", "2").answer());
        assertThat(page.path("messages")).extracting(JsonNode::toString).hasSize(2);
        assertThat(page.path("messages").get(0).path("text").asText()).isEqualTo("from Boris 2");
        JsonNode older = json(get("messages").token(boris).query("before", page.path("next").asText()).answer());
        assertThat(older.path("messages").get(0).path("text").asText()).isEqualTo("from Boris 0");
        assertError(get("messages").token(boris).query("size", "0").answer(), 400, "size");
        assertError(get("messages").token(boris).query("before", "not-a-cursor").answer(), 400, "cursor");
    }

    @Test
    void WIDGET_whatAVisitorSendsIsReturnedAsJsonTextNeverMarkup() {
        String token = session();
        String markup = "<img src=x onerror=alert(1)><script>alert(2)</script> \"quoted\" & </div>";

        ApiAnswer a = post("messages").token(token).json(message(markup)).answer();

        assertThat(a.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
        assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(json(a).path("message").path("text").asText()).isEqualTo(markup);
        assertThat(((InboundMessage) core.events.get(0)).text()).isEqualTo(markup);
    }

    @Test
    void CARD6_requiredPreChatFieldsAreEnforcedOnTheFirstMessageByTheServer() {
        set("prechat.email", "required");
        set("prechat.phone", "optional");
        String token = session();

        assertError(post("messages").token(token).json(message("hi")).answer(), 400, "field.email");
        assertError(post("messages").token(token).json("{\"id\":\"" + UUID.randomUUID() + "\",\"text\":\"hi\","
                + "\"fields\":{\"email\":\"   \"}}").answer(), 400, "field.email");
        assertThat(core.events).isEmpty();
        ApiAnswer ok = post("messages").token(token).json("{\"id\":\"" + UUID.randomUUID() + "\",\"text\":\"hi\","
                + "\"fields\":{\"email\":\"anna@shop.example\"}}").answer();
        assertThat(ok.status()).isEqualTo(201);

        assertThat(post("messages").token(token).json(message("and again")).answer().status()).isEqualTo(201);
    }

    @Test
    void CARD6_contactDetailsMustLookLikeAnAddressOrANumber() {
        String token = session();
        for (String email : new String[] {"anna", "anna@", "@shop.example", "anna@shop", "a b@shop.example"}) {
            assertError(post("messages").token(token).json("{\"id\":\"" + UUID.randomUUID() + "\",\"text\":\"hi\","
                    + "\"fields\":{\"email\":" + quote(email) + "}}").answer(), 400, "field.email");
        }
        for (String phone : new String[] {"12345", "+7 912 abc", "1".repeat(21), "++79123456789"}) {
            assertError(post("messages").token(token).json("{\"id\":\"" + UUID.randomUUID() + "\",\"text\":\"hi\","
                    + "\"fields\":{\"phone\":" + quote(phone) + "}}").answer(), 400, "field.phone");
        }
        assertError(post("messages").token(token).json("{\"id\":\"" + UUID.randomUUID() + "\",\"text\":\"hi\","
                + "\"fields\":{\"name\":" + quote("x".repeat(101)) + "}}").answer(), 400, "field.name");
        assertThat(core.events).isEmpty();
    }

    @Test
    void WIDGET_aMessageIsWithinTheTextLimitNotEmptyAndHasAnId() {
        String token = session();

        assertError(post("messages").token(token).json(message("x".repeat(4097))).answer(), 400, "text");
        assertThat(post("messages").token(token).json(message("x".repeat(4096))).answer().status()).isEqualTo(201);
        assertError(post("messages").token(token).json(message("   ")).answer(), 400, "empty");
        assertError(post("messages").token(token).json("{\"text\":\"hi\"}").answer(), 400, "id");
        assertError(post("messages").token(token).json("{\"id\":\"1\",\"text\":\"hi\"}").answer(), 400, "id");
        assertError(post("messages").token(token).json("{\"id\":" + quote(UUID.randomUUID().toString())
                + ",\"text\":42}").answer(), 400, "text");
        assertError(post("messages").token(token).json("[1,2]").answer(), 400, "json");
        assertError(post("messages").token(token).json("{not json").answer(), 400, "json");
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(quote(i + ".x"));
        }
        assertError(post("messages").token(token).json("{\"id\":\"" + UUID.randomUUID() + "\",\"files\":["
                + String.join(",", eleven) + "]}").answer(), 400, "files");
        String big = "{\"id\":\"" + UUID.randomUUID() + "\",\"text\":\"" + "y".repeat(70_000) + "\"}";
        assertError(post("messages").token(token).json(big).answer(), 413, "tooLarge");
    }

    // ------------------------------------------------------------------------------------------ files

    private Call upload(String token, String name, byte[] bytes) {
        return post("files").token(token).header("X-File-Name", java.net.URLEncoder.encode(name,
                StandardCharsets.UTF_8).replace("+", "%20")).body(new ByteArrayInputStream(bytes), bytes.length);
    }

    @Test
    void MSG1_anUploadIsStoredAndItsMessageCarriesItForTheCoreToFetch() {
        String token = session();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4};

        ApiAnswer up = upload(token, "фото 1+1.png", png).answer();

        assertThat(up.status()).as(up.text()).isEqualTo(201);
        JsonNode u = json(up);
        assertThat(u.path("name").asText()).isEqualTo("фото 1+1.png");
        assertThat(u.path("type").asText()).isEqualTo("image/png");
        assertThat(u.path("kind").asText()).isEqualTo("image");
        assertThat(u.path("size").asLong()).isEqualTo(8);
        ApiAnswer sent = post("messages").token(token).json("{\"id\":\"" + UUID.randomUUID() + "\",\"files\":["
                + quote(u.path("upload").asText()) + "]}").answer();
        assertThat(sent.status()).as(sent.text()).isEqualTo(201);
        InboundMessage in = (InboundMessage) core.events.get(0);
        assertThat(in.attachments()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(MediaKind.IMAGE);
            assertThat(a.file().ref()).isEqualTo("upload:" + u.path("upload").asText().split("\\.")[0]);
            assertThat(a.file().name()).hasValue("фото 1+1.png");
        });
        JsonNode file = json(sent).path("message").path("files").get(0);
        assertThat(file.path("state").asText()).isEqualTo("pending");
        assertThat(file.path("url").isNull()).isTrue();
    }

    @Test
    void WIDGET_anotherVisitorsUploadCannotBeNamed() {
        String anna = session();
        String boris = session();
        String upload = json(upload(anna, "a.txt", "hello".getBytes(StandardCharsets.UTF_8)).answer())
                .path("upload").asText();

        assertError(post("messages").token(boris).json("{\"id\":\"" + UUID.randomUUID() + "\",\"files\":["
                + quote(upload) + "]}").answer(), 400, "files.unknown");
        assertError(post("messages").token(anna).json("{\"id\":\"" + UUID.randomUUID() + "\",\"files\":["
                + quote(upload.split("\\.")[0]) + "]}").answer(), 400, "files.unknown");
        assertThat(core.events).isEmpty();
    }

    @Test
    void INP3_anExecutableUploadIsRefusedWithItsReason() {
        String token = session();

        ApiAnswer refused = upload(token, "invoice.pdf.exe", "MZ....".getBytes(StandardCharsets.US_ASCII))
                .header("Accept-Language", "en").answer();

        assertError(refused, 400, "file.executable");
        assertThat(json(refused).path("message").asText()).isEqualTo("Programs and scripts cannot be sent.");
        assertError(upload(token, "empty.txt", new byte[0]).answer(), 400, "file.empty");
    }

    @Test
    void INP2_anUploadLargerThanTheLargestLimitIsRefusedBeforeItIsRead() {
        String token = session();
        InputStream unread = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body was read");
            }
        };

        assertError(post("files").token(token).header("X-File-Name", "film.mp4").body(unread, 100L * 1024 * 1024 + 1)
                .answer(), 413, "file.tooLarge");
        assertError(post("files").token(token).header("X-File-Name", "film.mp4").body(unread, -1).answer(), 411,
                "length");
        assertError(post("files").token(token).body(new ByteArrayInputStream(new byte[] {1}), 1).answer(), 400,
                "file.name");
        byte[] image = new byte[3 * 1024 * 1024 + 1];
        image[0] = (byte) 0x89;
        image[1] = 'P';
        assertError(upload(token, "big.png", image).answer(), 400, "file.tooLarge");
    }

    // ------------------------------------------------------------------------------------------ read, contact

    @Test
    void WIDGET_readingTheTeamsMessagesIsReportedAsReadUpTo() {
        String token = session();

        ApiAnswer a = post("read").token(token).json("{\"upTo\":\"2026-12-03T09:59:00Z\"}").answer();

        assertThat(a.status()).isEqualTo(204);
        assertThat(core.events).containsExactly(new InboundEvent.ReadUpTo(connection.connection().id(),
                visitorOf(token), DeliveryState.READ, Instant.parse("2026-12-03T09:59:00Z")));
        assertError(post("read").token(token).json("{\"upTo\":\"yesterday\"}").answer(), 400, "upTo");
        assertError(post("read").token(token).json("{}").answer(), 400, "upTo");
    }

    @Test
    void CARD6_contactDetailsGivenLaterReachTheCard() {
        String token = session();
        assertError(post("contact").token(token).json("{\"email\":\"anna@mail.ru\"}").answer(), 409,
                "contact.first");
        assertThat(core.events).isEmpty();
        post("messages").token(token).json(message("Is anyone there?")).answer();
        core.events.clear();

        ApiAnswer a = post("contact").token(token).json("{\"email\":\"anna@shop.example\"}").answer();

        assertThat(a.status()).isEqualTo(204);
        InboundEvent.ProfileChanged changed = (InboundEvent.ProfileChanged) core.events.get(0);
        assertThat(changed.externalUserId()).isEqualTo(visitorOf(token));
        assertThat(changed.profile().email()).hasValue("anna@shop.example");
        assertThat(changed.profile().phone()).isEmpty();
        assertError(post("contact").token(token).json("{\"phone\":\"call me\"}").answer(), 400, "field.phone");
        assertError(post("contact").token(token).json("{}").answer(), 400, "empty");
    }

    // ------------------------------------------------------------------------------------------ live

    @Test
    void WIDGET_eventsAndPollAreKeptOpenForTheTokensVisitor() {
        String token = session();

        Reply events = get("events").header("Authorization", null).query("t", token).reply();
        assertThat(events).isInstanceOf(Reply.Stream.class);
        Reply.Stream stream = (Reply.Stream) events;
        assertThat(stream.visitor().visitor()).isEqualTo(visitorOf(token));
        assertThat(stream.headers()).containsEntry("Content-Type", "text/event-stream;charset=UTF-8")
                .containsEntry("Access-Control-Allow-Origin", SITE).containsEntry("Cache-Control", "no-store");

        Reply poll = get("poll").query("t", token).query("since", "1764755000000").reply();
        assertThat(poll).isInstanceOf(Reply.Poll.class);
        assertThat(((Reply.Poll) poll).since()).isEqualTo(1764755000000L);

        assertError(get("events").query("t", "nonsense").answer(), 401, "token");
        assertError(get("poll").query("t", token).query("since", "soon").answer(), 400, "since");
    }

    // ------------------------------------------------------------------------------------------ limits, failures

    @Test
    void WIDGET_aVisitorSendsAtMost30MessagesAMinute() {
        String token = session();
        for (int i = 0; i < 30; i++) {
            assertThat(post("messages").token(token).json(message("m" + i)).answer().status()).isEqualTo(201);
        }

        ApiAnswer over = post("messages").token(token).json(message("one too many")).answer();
        assertError(over, 429, "rate");
        assertThat(Long.parseLong(over.header("Retry-After"))).isBetween(1L, 2L);
        assertThat(post("messages").token(session()).json(message("another visitor")).answer().status())
                .isEqualTo(201);

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(post("messages").token(token).json(message("later")).answer().status()).isEqualTo(201);
    }

    @Test
    void WIDGET_anAddressOpensAtMost20SessionsAMinute() {
        for (int i = 0; i < 20; i++) {
            session();
        }

        assertError(post("session").json("{}").answer(), 429, "rate");
        assertThat(post("session").json("{}").from("198.51.100.7").answer().status()).isEqualTo(200);
    }

    @Test
    void WIDGET_anAddressMakesAtMost300RequestsAMinuteBehindAProxyOnlyWhenTrusted() {
        for (int i = 0; i < 300; i++) {
            assertThat(get("config").header("X-Forwarded-For", "10.0.0." + (i % 250)).answer().status())
                    .isEqualTo(200);
        }
        ApiAnswer over = get("config").header("X-Forwarded-For", "10.0.1.1").answer();
        assertError(over, 429, "rate");
        assertThat(over.header("Access-Control-Allow-Origin")).as("the page reads Retry-After").isEqualTo(SITE);
        assertThat(over.header("Retry-After")).isEqualTo("1");

        trustProxy = true;
        assertThat(get("config").header("X-Forwarded-For", "10.0.1.1, 198.51.100.9").answer().status())
                .isEqualTo(200);
        assertThat(Callers.address(new ApiRequest("GET", Map.of(), Map.of("X-Forwarded-For", "1.1.1.1, 2.2.2.2"),
                "10.0.0.1", "http", -1, null), true)).isEqualTo("2.2.2.2");
        assertThat(Callers.address(new ApiRequest("GET", Map.of(), Map.of("X-Forwarded-For", "1.1.1.1"),
                "10.0.0.1", "http", -1, null), false)).isEqualTo("10.0.0.1");
    }

    @Test
    void WIDGET_theIngressesRefusalsAndFailuresAreTold() {
        String token = session();

        core.ingressFailure = () -> new NotFound("connection", 7);
        assertError(post("messages").token(token).json(message("hi")).answer(), 404, "unavailable");
        core.ingressFailure = () -> new InvalidInput("text", "too long");
        assertError(post("messages").token(token).json(message("hi")).answer(), 400, "invalid");
        core.ingressFailure = () -> new IllegalStateException("the database is away");
        assertError(post("messages").token(token).json(message("hi")).answer(), 503, "later");
    }

    @Test
    void WIDGET_errorsAreSaidInTheRequestsLanguage() {
        ApiAnswer ru = get("messages").query("lang", "ru").answer();
        assertThat(json(ru).path("message").asText()).isEqualTo("Сеанс чата недействителен. Начните заново.");
        ApiAnswer byHeader = get("messages").header("Accept-Language", "ru").answer();
        assertThat(json(byHeader).path("message").asText()).startsWith("Сеанс");
        ApiAnswer en = get("messages").header("Accept-Language", "de-DE,de;q=0.9").answer();
        assertThat(json(en).path("message").asText()).isEqualTo("Your chat session is not valid. Please start again.");
        ApiAnswer wrongMethod = new Call("DELETE", "messages").answer();
        assertError(wrongMethod, 405, "method");
        assertThat(wrongMethod.header("Allow")).isEqualTo("GET, POST");
    }
}
