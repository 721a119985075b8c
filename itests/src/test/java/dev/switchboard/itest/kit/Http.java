package dev.switchboard.itest.kit;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * HTTP calls to a running distribution's port, as a platform or a test makes them: webhooks, steering of a test
 * platform, public file links. Only JDK classes, so that it runs inside a Pax Exam container as well as outside.
 */
public final class Http {

    /** The system property that carries the distribution's HTTP port into a Pax Exam container. */
    public static final String PORT = "itest.http.port";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final URI base;

    private Http(URI base) {
        this.base = base;
    }

    /** Calls to the distribution whose root is {@code base} ({@code http://127.0.0.1:8181/}). */
    public static Http at(URI base) {
        return new Http(base.toString().endsWith("/") ? base : URI.create(base + "/"));
    }

    /** Inside a Pax Exam container: the distribution the test runs in, on the port in {@link #PORT}. */
    public static Http local() {
        String port = System.getProperty(PORT);
        if (port == null) {
            throw new IllegalStateException("system property " + PORT + " is not set in the container");
        }
        return at(URI.create("http://127.0.0.1:" + port + "/"));
    }

    /** An address on the distribution: {@code path} with or without its leading '/'. */
    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(uri(path));
    }

    /** A GET of any address (a public file link); the body as text. */
    public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A GET of any address; the body as bytes. */
    public HttpResponse<byte[]> bytes(URI uri) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A POST of a form. */
    public HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * Sends a platform's call to a webhook, {@code webhookUrl}'s path on this distribution (the connection's webhook
     * URL is made from the installation's public address, which may be another host in front of it).
     */
    public HttpResponse<String> send(URI webhookUrl, Webhook webhook) throws IOException, InterruptedException {
        String target = webhookUrl.getRawPath() + (webhook.query().isEmpty() ? "" : "?" + webhook.query());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(target)).timeout(Duration.ofSeconds(30));
        webhook.headers().forEach(request::header);
        request.method(webhook.method(), webhook.method().equals("GET") ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A form body: {@code key=value&...}, values URL-encoded. */
    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** The records of a body of form-encoded lines (what the test platform lists), in order. */
    public static List<Map<String, String>> records(String body) {
        List<Map<String, String>> records = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> record = new LinkedHashMap<>();
            for (String pair : line.strip().split("&")) {
                int eq = pair.indexOf('=');
                record.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            records.add(record);
        }
        return records;
    }
}
