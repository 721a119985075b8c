package dev.switchboard.api.files;

import dev.switchboard.api.domain.FileId;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Links to stored files that a platform can fetch without logging in (Viber, and Meta or WhatsApp by link, take
 * media by URL only): {@code <public URL>/media/<token>}, where the token names the file and an expiry and is signed
 * with a key derived from the installation's secrets key. A link cannot be guessed, forged or stretched, and stops
 * working when it expires or the file is gone.
 * <p>
 * {@link #link} takes no acting member: it is for the core's outbox and for channel bundles, for the files of messages
 * the core handed them (a transcript's attachments); a file has no connection to check a caller's type against. The
 * token is the only way in from outside.
 */
public interface FileLinks {

    /** A link to the file, valid for {@code valid} (at most 7 days). */
    URI link(FileId file, Duration valid);

    /** The file a token names, if the token is genuine, unexpired and the file still exists. */
    Optional<StoredFile> resolve(String token);
}
