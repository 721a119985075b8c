package dev.switchboard.api.files;

import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.ProjectId;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * The blob store for attachments and client photos (architecture §2, §7; INP-2, INP-3). Files live in the
 * installation's database, so every node sees them; they are written and read as streams and never held whole in
 * memory. The content type is detected from the bytes (Apache Tika); a file's name is only a name.
 * <p>
 * A file is stored <em>unclaimed</em>; whoever keeps it (a sent message, a fetched attachment, a card's photo)
 * {@link #claim}s it. Unclaimed files older than a day (uploads never sent) are removed by the store.
 * <p>
 * The store does not check who asks: callers check the member's rights first (the chat engine for attachments,
 * the console's download handler for project membership). It is the core's service: no method takes an acting
 * member, and a {@link StoredFile} names its project so that callers can compare it with theirs; the chat engine and
 * the card treat a file of another project as one that does not exist (issue 12).
 */
public interface FileStore {

    /**
     * Streams {@code content} into a new, unclaimed file of {@code project}. The content is read to its end (or
     * until a limit is passed) but never held whole in memory; the caller closes it.
     *
     * @param name the sender's name of the file, for showing and for the executable check
     * @throws dev.switchboard.api.error.InvalidInput with field {@code file.executable} for an executable (by its
     *         bytes or by its name, also behind invisible characters and double extensions), {@code file.kind} for a
     *         kind the limits do not accept, {@code file.tooLarge} past the kind's limit, {@code file.empty} for no
     *         bytes, {@code file.name} for a name that is blank or longer than 255 characters; nothing is stored
     */
    StoredFile store(ProjectId project, String name, InputStream content, FileLimits limits);

    /** The file, if it exists (claimed or not). */
    Optional<StoredFile> find(FileId id);

    /**
     * The file's bytes as a stream read from the database piece by piece; close it when done.
     *
     * @throws dev.switchboard.api.error.NotFound for an unknown file
     */
    InputStream open(FileId id);

    /** Keeps the file for good (it is referenced now); idempotent. */
    void claim(FileId id);

    /**
     * A new, unclaimed JPEG copy of an image, for channels that do not take its format (INP-2: png to jpg).
     *
     * @throws dev.switchboard.api.error.InvalidInput with field {@code file.convert} when the image cannot be read
     *         or converted (an animated GIF, a broken file)
     */
    StoredFile toJpeg(FileId id);

    /** Removes the file; idempotent. */
    void delete(FileId id);

    /** Removes unclaimed files older than {@code age}; returns how many. Runs by itself once an hour too. */
    int removeUnclaimed(Duration age);
}
