package dev.switchboard.channel.widget.internal.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The JSON bodies of the visitors' API, read up to a limit and only as data: values are taken as strings, never
 * interpreted as markup, and anything of the wrong type is refused with the field's name.
 */
final class Bodies {

    static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(20).build());
        JSON.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private Bodies() {
    }

    /** The body as a JSON object: 413 {@code tooLarge} past {@code limit} bytes, 400 {@code json} when not one. */
    static JsonNode object(ApiRequest request, int limit) {
        if (request.contentLength() > limit) {
            throw new Refused(413, "tooLarge");
        }
        byte[] bytes;
        try {
            bytes = read(request.body(), limit);
        } catch (IOException e) {
            throw new Refused(400, "json");
        }
        if (bytes == null) {
            throw new Refused(413, "tooLarge");
        }
        JsonNode node;
        try {
            node = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            throw new Refused(400, "json");
        }
        if (node == null || !node.isObject()) {
            throw new Refused(400, "json");
        }
        return node;
    }

    /** The bytes, or {@code null} past the limit. */
    private static byte[] read(InputStream in, int limit) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) != -1; ) {
            if (out.size() + n > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * A string member: empty when absent or null; {@code 400 <code>} for any other type.
     */
    static Optional<String> string(JsonNode node, String member, String code) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new Refused(400, code);
        }
        return Optional.of(value.textValue());
    }
}
