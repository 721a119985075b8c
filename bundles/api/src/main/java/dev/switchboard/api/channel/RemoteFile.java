package dev.switchboard.api.channel;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A file that lives at the platform (an attachment, a client's photo), as a connector names it: the core stores the
 * reference with the message and fetches the bytes later through {@link ChannelConnector#fetch}, never before the
 * message is committed. The reference is never shown to a browser: a platform's file URL may carry a bot token.
 *
 * @param ref         what the connector needs to fetch it: Telegram's {@code file_id}, WhatsApp's media id, a
 *                    signed CDN URL (at most 2,000 characters)
 * @param key         a stable identity of the file, when the platform has one (Telegram's {@code file_unique_id}),
 *                    so that the same photo is not fetched twice
 * @param name        the file's name as the platform tells it
 * @param contentType the type the platform claims (a hint only: the core detects the type from the bytes)
 * @param size        the size the platform claims, so that a file past the channel's limit is not fetched at all
 */
public record RemoteFile(String ref, Optional<String> key, Optional<String> name, Optional<String> contentType,
                         OptionalLong size) {

    public RemoteFile {
        if (ref == null || ref.isBlank() || ref.length() > 2000) {
            throw new IllegalArgumentException("a remote file's reference must be 1 to 2000 characters");
        }
    }

    /** A file known only by its reference. */
    public static RemoteFile of(String ref) {
        return new RemoteFile(ref, Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty());
    }

    @Override
    public String toString() {
        // the reference may be a URL with a token in it
        return "RemoteFile[" + key.orElse("?") + ", " + name.orElse("?") + "]";
    }
}
