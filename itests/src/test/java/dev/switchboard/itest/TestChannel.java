package dev.switchboard.itest;

import dev.switchboard.itest.kit.Await;
import dev.switchboard.itest.kit.Http;
import dev.switchboard.itest.kit.Json;
import dev.switchboard.itest.kit.Webhook;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tests' side of the test channel ({@code itests/test-channel}): its platform's webhook payloads, signed with a
 * connection's secret as the platform signs them, and the steering of the platform at {@code /test-channel} (what
 * it delivered, how it answers sends, the files it holds). Only JDK classes and the kit, so that it runs inside a
 * Pax Exam container as well as beside a distribution started by {@link KarafProcess}.
 */
public final class TestChannel {

    public static final String TYPE = "test";
    public static final String BUNDLE = ExamOptions.TEST_CHANNEL_BUNDLE;
    public static final String SECRET_HEADER = "X-Test-Secret";

    private final Http http;
    private final Map<Long, String> secrets = new ConcurrentHashMap<>();

    public TestChannel(Http http) {
        this.http = http;
    }

    // ---------------------------------------------------------------------------------------------- payloads

    /** A client's message event: {@code id, user, text}; add names, files, photo, source, tracking with put. */
    public static Json message(String id, String user, String text) {
        return Json.object("type", "message", "id", id, "user", user, "text", text);
    }

    /** A file of a message or a photo: the platform's reference (a URL of the test platform), name, kind. */
    public static Json file(URI ref, String name, String kind) {
        return Json.object("ref", ref.toString(), "name", name, "kind", kind);
    }

    public static Json edited(String id, String user, String text) {
        return Json.object("type", "edited", "id", id, "user", user, "text", text);
    }

    /** A receipt of a sent message, {@code state} delivered or read. */
    public static Json receipt(String externalId, String state) {
        return Json.object("type", "receipt", "id", externalId, "state", state);
    }

    public static Json blocked(String user) {
        return Json.object("type", "blocked", "user", user, "reason", "blocked the bot");
    }

    /** The platform's POST of {@code json} to the connection's webhook, with its secret header. */
    public Webhook signed(long connection, Object json) throws Exception {
        return Webhook.post("application/json", json.toString(), Map.of(SECRET_HEADER, secret(connection)));
    }

    /** The same POST with a secret the platform never had. */
    public Webhook forged(long connection, Object json) throws Exception {
        String secret = secret(connection);
        String wrong = (secret.charAt(0) == 'A' ? "B" : "A") + secret.substring(1);
        return Webhook.post("application/json", json.toString(), Map.of(SECRET_HEADER, wrong));
    }

    /** Meta's subscription handshake with the connection's secret as the verify token. */
    public Webhook handshake(long connection, String challenge) throws Exception {
        return Webhook.get("hub.mode=subscribe&hub.verify_token=" + secret(connection) + "&hub.challenge=" + challenge);
    }

    // ---------------------------------------------------------------------------------------------- steering

    /**
     * The connection's webhook secret, as the platform learned it when the connection was registered; kept, since
     * a restarted channel bundle has forgotten it.
     */
    public String secret(long connection) throws Exception {
        String known = secrets.get(connection);
        if (known != null) {
            return known;
        }
        String secret = Await.until(() -> http.get("/test-channel/secret?connection=" + connection),
                r -> r.statusCode() == 200).body();
        secrets.put(connection, secret);
        return secret;
    }

    /** How the platform answers sends through the connection (see the test channel's SendMode). */
    public void mode(long connection, String mode) throws Exception {
        ok(http.post("/test-channel/mode", Map.of("connection", Long.toString(connection), "mode", mode)));
    }

    /** How registering a connection answers: {@code ok} or {@code fail:<reason>}. */
    public void connectMode(String mode) throws Exception {
        ok(http.post("/test-channel/connect", Map.of("mode", mode)));
    }

    /** The messages the platform accepted, oldest first (fields: message, connection, user, text, file.0.sha256...). */
    public List<Map<String, String>> sent() throws Exception {
        return Http.records(ok(http.get("/test-channel/sent")).body());
    }

    /** Every send and the platform's answer (fields: message, attempt, result, reason, at). */
    public List<Map<String, String>> attempts() throws Exception {
        return Http.records(ok(http.get("/test-channel/attempts")).body());
    }

    /** The sends under way now (fields: message, connection). */
    public List<Map<String, String>> sending() throws Exception {
        return Http.records(ok(http.get("/test-channel/sending")).body());
    }

    /** Every fetch of a file (fields: ref, status, at). */
    public List<Map<String, String>> fetches() throws Exception {
        return Http.records(ok(http.get("/test-channel/fetches")).body());
    }

    /** The connections the platform has seen (fields: connection, connects, disconnects, webhook). */
    public List<Map<String, String>> connections() throws Exception {
        return Http.records(ok(http.get("/test-channel/connections")).body());
    }

    /** Whether the test platform answers (its bundle is active and its servlet registered). */
    public boolean answers() {
        try {
            return http.get("/test-channel/connections").statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    /** Where the platform serves a test file ({@code sample.pdf}, {@code photo.png}, ...), for a file's ref. */
    public URI file(String name) {
        return http.uri("/test-channel/files/" + name);
    }

    /** Lets the fetches of files held with {@code ?hold=<token>} be answered. */
    public void release(String hold) throws Exception {
        ok(http.post("/test-channel/files/release?hold=" + hold, Map.of()));
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("the test platform answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
