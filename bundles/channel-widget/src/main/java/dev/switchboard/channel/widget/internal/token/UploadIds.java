package dev.switchboard.channel.widget.internal.token;

import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.FileId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ids of visitors' uploads (issue 10: "only the uploading visitor's token may name an upload in a message"):
 * {@code <file id>.<signature>}, the signature an HMAC of the connection, the visitor and the file under a key
 * derived from the connection's webhook secret. Signed rather than remembered, so that the message naming an upload
 * may reach another node than the upload did, or this node after a restart.
 */
public final class UploadIds {

    private static final Pattern UPLOAD = Pattern.compile("([1-9][0-9]{0,18})\\.([A-Za-z0-9_-]{22})");

    private UploadIds() {
    }

    /** The id the uploading visitor names the file by. */
    public static String of(ConnectionId connection, String webhookSecret, String visitor, FileId file) {
        return file.value() + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(signature(connection, webhookSecret, visitor, file.value()));
    }

    /** The file an upload id names, when this visitor of this connection uploaded it; empty for anything else. */
    public static Optional<FileId> verify(String uploadId, ConnectionId connection, String webhookSecret,
                                          String visitor) {
        if (uploadId == null) {
            return Optional.empty();
        }
        Matcher m = UPLOAD.matcher(uploadId);
        if (!m.matches()) {
            return Optional.empty();
        }
        long file;
        try {
            file = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        byte[] given = Base64.getUrlDecoder().decode(m.group(2));
        return Hmac.same(signature(connection, webhookSecret, visitor, file), given)
                ? Optional.of(new FileId(file)) : Optional.empty();
    }

    private static byte[] signature(ConnectionId connection, String webhookSecret, String visitor, long file) {
        byte[] key = Hmac.sha256(webhookSecret, "widget-upload");
        byte[] mac = Hmac.sha256(key, (connection.value() + ":" + file + ":" + visitor)
                .getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(mac, 16);
    }
}
