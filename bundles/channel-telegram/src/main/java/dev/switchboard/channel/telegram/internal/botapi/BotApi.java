package dev.switchboard.channel.telegram.internal.botapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One bot at one Bot API server: method calls as {@code POST <api>/bot<token>/<method>} with a JSON body, uploads as
 * multipart, and file downloads from {@code <api>/file/bot<token>/<file_path>}. The token is in every URL, so no
 * URL and no exception message that may carry one leaves this class unredacted ({@link #redact}).
 */
public final class BotApi {

    /** How long a method call may take until its answer's headers arrive. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** How long an upload of up to 50 MB may take. */
    static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(5);
    /** How long a download may take until the file's headers arrive; its bytes are then streamed. */
    static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(60);

    private final BotHttp http;
    private final URI api;
    private final String token;

    BotApi(BotHttp http, URI api, String token) {
        this.http = http;
        this.api = api;
        this.token = token;
    }

    /** Calls {@code method} with {@code params} as a JSON object. */
    public BotAnswer call(String method, Map<String, ?> params) throws IOException {
        byte[] body = http.json().writeValueAsBytes(params);
        HttpRequest request = HttpRequest.newBuilder(method(method)).timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return answer(request);
    }

    /** Calls {@code method} with a multipart body: the fields, then the file under {@code upload.field()}. */
    public BotAnswer upload(String method, Map<String, String> fields, Multipart.FilePart upload)
            throws IOException {
        Multipart multipart = Multipart.of(fields, upload);
        HttpRequest request = HttpRequest.newBuilder(method(method)).timeout(UPLOAD_TIMEOUT)
                .header("Content-Type", multipart.contentType()).POST(multipart.publisher()).build();
        return answer(request);
    }

    /** Opens a file by the {@code file_path} {@code getFile} gave; the caller closes the body. */
    public HttpResponse<InputStream> download(String filePath) throws IOException {
        StringBuilder path = new StringBuilder();
        for (String segment : filePath.split("/")) {
            if (!segment.isEmpty()) {
                path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        URI uri = URI.create(api + "/file/bot" + token + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(DOWNLOAD_TIMEOUT).GET().build();
        return send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** {@code text} without the token, for logs and reasons. */
    public String redact(String text) {
        return text == null ? "" : text.replace(token, "<token>");
    }

    /** The server's address, for the owner ({@code https://api.telegram.org}): no token in it. */
    public URI api() {
        return api;
    }

    private URI method(String method) {
        return URI.create(api + "/bot" + token + "/" + method);
    }

    private BotAnswer answer(HttpRequest request) throws IOException {
        HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray());
        return BotAnswer.read(http.json(), response.statusCode(), response.body());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.client().send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while calling the Bot API");
        } catch (IOException e) {
            // the JDK's messages rarely name the URL, but a proxy's or a resolver's may
            IOException redacted = new IOException(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + redact(e.getMessage())));
            redacted.setStackTrace(e.getStackTrace());
            throw redacted;
        }
    }
}
