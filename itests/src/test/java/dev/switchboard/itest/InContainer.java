package dev.switchboard.itest;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the Pax Exam tests share inside the container: waiting for what arrives asynchronously, and HTTP calls to
 * the distribution's own port (e.g. the test channel's webhook). Only JDK classes, so that it runs in the probe.
 */
final class InContainer {

    /** The system property that carries the distribution's HTTP port into the container. */
    static final String HTTP_PORT = "itest.http.port";

    private InContainer() {
    }

    /**
     * Calls until the answer satisfies {@code done}, for up to 60 s: the boot, the whiteboard, services and
     * configurations are asynchronous. Returns the answer that satisfied it.
     */
    static <T> T await(Callable<T> call, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        T last = null;
        Exception failure = null;
        while (System.nanoTime() < deadline) {
            try {
                last = call.call();
                failure = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                failure = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("gave up waiting; last answer " + last, failure);
    }

    /** Posts a form to {@code path} on the distribution's HTTP port. */
    static HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of {@code name=value} in the test channel's answer ({@code message=7 chat=12 duplicate=false}). */
    static String field(String body, String name) {
        for (String part : body.strip().split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + body);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty(HTTP_PORT) + path);
    }
}
