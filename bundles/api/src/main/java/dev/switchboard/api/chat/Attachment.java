package dev.switchboard.api.chat;

import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.files.MediaKind;
import java.util.Optional;

/**
 * A file of a message (MSG-1, MSG-2, INP-2, INP-3).
 *
 * @param file    the stored file, once it is in the blob store (an inbound file is fetched after its message)
 * @param name    the file's name, as the sender gave it (cleaned of invisible characters)
 * @param size    in bytes, 0 while not known
 * @param problem why a {@link State#FAILED} or {@link State#REFUSED} file is not there, in English
 */
public record Attachment(Optional<FileId> file, String name, String contentType, long size, MediaKind kind,
                         State state, Optional<String> problem) {

    /** Where a file of a message stands. */
    public enum State {
        /** fetching from the platform: shown as pending */
        PENDING,
        /** in the blob store */
        READY,
        /** fetching failed for good (the platform lost it); {@link #problem()} says why */
        FAILED,
        /** not taken: too large for the channel's download limit, or an executable; {@link #problem()} says why */
        REFUSED
    }
}
