package dev.switchboard.channel.telegram.internal.botapi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body (RFC 7578) for the Bot API's uploads: the fields as text parts, then one file
 * streamed from the blob store. The JDK's HttpClient has no multipart publisher and the build has no HTTP library,
 * so the body is written here: a head of fixed bytes, the file's bytes as they are read, a fixed tail, with the
 * exact Content-Length known in advance (the stored file's size), so that nothing is buffered and nothing is sent
 * chunked.
 */
public final class Multipart {

    /**
     * The file of an upload.
     *
     * @param field       the method's parameter ({@code photo}, {@code document}, {@code video}, {@code animation})
     * @param name        the file's name as the client will see it
     * @param contentType as detected by the blob store
     * @param size        the exact number of bytes {@code content} gives
     */
    public record FilePart(String field, String name, String contentType, long size, Content content) {
    }

    /** Opens the file's bytes; called once per attempt to send the body. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    private final String boundary;
    private final byte[] head;
    private final byte[] tail;
    private final FilePart file;

    private Multipart(String boundary, byte[] head, byte[] tail, FilePart file) {
        this.boundary = boundary;
        this.head = head;
        this.tail = tail;
        this.file = file;
    }

    static Multipart of(Map<String, String> fields, FilePart file) {
        String boundary = "switchboard-" + UUID.randomUUID();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(head, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + quoted(name) + "\"\r\n\r\n" + value + "\r\n"));
        write(head, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quoted(file.field())
                + "\"; filename=\"" + quoted(file.name()) + "\"\r\nContent-Type: " + file.contentType()
                + "\r\n\r\n");
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return new Multipart(boundary, head.toByteArray(), tail, file);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The whole body, of a known length; the file is opened when the client sends it. */
    HttpRequest.BodyPublisher publisher() {
        HttpRequest.BodyPublisher content = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return file.content().open();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), file.size());
        return HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head), content,
                HttpRequest.BodyPublishers.ofByteArray(tail));
    }

    /** The body's length in bytes. */
    long length() {
        return head.length + file.size() + tail.length;
    }

    /** A name or file name inside a quoted header parameter: no quote, backslash or line break can end it. */
    private static String quoted(String value) {
        return value.replace("\\", "_").replace("\"", "'").replace("\r", " ").replace("\n", " ");
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
