package dev.switchboard.api.channel;

import dev.switchboard.api.files.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * A file the team sends (MSG-2), already checked against the channel's limits and converted where the channel needs
 * it (png to jpg, INP-2).
 *
 * @param publicUrl a link the platform can fetch the file from without logging in, valid for a day (for platforms
 *                  that take media by URL only, such as Viber); a connector that uploads the bytes ignores it
 */
public record OutboundAttachment(StoredFile file, URI publicUrl, Content content) {

    /** Opens the file's bytes, streamed from the blob store; the caller closes the stream. */
    public InputStream open() throws IOException {
        return content.open();
    }

    /** Where the bytes come from. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }
}
