package dev.switchboard.store.internal.files;

import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.api.store.StoreException;
import dev.switchboard.api.store.UnitSpec;
import dev.switchboard.store.internal.PooledDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The blob store in the installation's database (architecture §2, §7; INP-2, INP-3): a {@code file_blob} row per
 * file and its bytes in {@code file_chunk} rows of {@value #CHUNK} bytes, written and read chunk by chunk with
 * plain JDBC on the store's pool, so that no file is ever held whole in memory. The content type comes from the
 * bytes (Tika), executables are refused by bytes and by name, and each kind's limit stops the upload as soon as
 * it is passed.
 * <p>
 * A file is written in short statements, a batch of chunks at a time, and marked complete at the end: no
 * connection is held while the sender's stream is slow. A refused or failed upload is removed at once; if even
 * that fails, its incomplete row is unclaimed and goes with the hourly removal of unclaimed files.
 * <p>
 * The component references the store's pool through {@link PooledDatabase}, so it goes away and comes back with
 * the store when {@code etc/dev.switchboard.store.cfg} changes.
 */
@Component(service = FileStore.class)
public final class DatabaseFileStore implements FileStore, AutoCloseable {

    /** Bytes per chunk: small enough for the driver to hold one row, large enough for few round trips. */
    static final int CHUNK = 256 * 1024;
    /** Chunks sent in one batch: 1 MB in memory per upload at most. */
    static final int BATCH = 4;
    /** Unclaimed files (uploads never sent, refused or broken writes) are removed at this age. */
    static final Duration UNCLAIMED_AGE = Duration.ofDays(1);
    static final Duration CLEANUP_EVERY = Duration.ofHours(1);
    static final Duration FIRST_CLEANUP_AFTER = Duration.ofMinutes(5);

    /** Limits of the copies this store makes itself (a JPEG of an image the store already holds). */
    private static final FileLimits OWN_COPIES = new FileLimits(Map.of(MediaKind.IMAGE, 100 * FileLimits.MB));

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFileStore.class);

    private final DataSource pool;
    private final Clock clock;
    private final ContentTypes contentTypes = new ContentTypes();
    private final ScheduledExecutorService cleanup;

    @Activate
    public DatabaseFileStore(@Reference PooledDatabase database) {
        this(database, Clock.systemUTC(), CLEANUP_EVERY);
    }

    /** A store without the hourly removal, for tests and tools. */
    public static DatabaseFileStore open(PooledDatabase database, Clock clock) {
        return new DatabaseFileStore(database, clock, null);
    }

    /** A store that removes unclaimed files older than a day every {@code cleanupEvery}; close it when done. */
    public static DatabaseFileStore withCleanup(PooledDatabase database, Clock clock, Duration cleanupEvery) {
        return new DatabaseFileStore(database, clock, cleanupEvery);
    }

    private DatabaseFileStore(PooledDatabase database, Clock clock, Duration cleanupEvery) {
        database.migrate(unit());
        this.pool = database.pool();
        this.clock = clock;
        this.cleanup = cleanupEvery == null ? null : startCleanup(cleanupEvery);
    }

    /** The store's own tables, migrated like any owner's, from this bundle's jar. */
    static UnitSpec unit() {
        return UnitSpec.of("files", DatabaseFileStore.class, "db/migration/files");
    }

    @Override
    public StoredFile store(ProjectId project, String name, InputStream content, FileLimits limits) {
        String cleaned = FileNames.clean(name);
        Executables.refuseByName(cleaned);
        byte[] head = readHead(content);
        if (head.length == 0) {
            throw new InvalidInput("file.empty", "the file is empty");
        }
        Executables.refuseByContent(head, head.length);
        String type = contentTypes.detect(head, head.length, cleaned);
        Executables.refuseByType(type);
        MediaKind kind = MediaKind.of(type);
        long max = limits.of(kind).orElseThrow(() -> new InvalidInput("file.kind", plural(kind) + " are not accepted here"));
        return write(project, cleaned, type, kind, max, head, content);
    }

    private static byte[] readHead(InputStream content) {
        try {
            return content.readNBytes(ContentTypes.HEAD);
        } catch (IOException e) {
            throw new UncheckedIOException("the file cannot be read", e);
        }
    }

    private StoredFile write(ProjectId project, String name, String type, MediaKind kind, long max, byte[] head,
                             InputStream rest) {
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long id = insertIncomplete(project, name, type, kind, createdAt);
        boolean done = false;
        try {
            long size = writeChunks(id, kind, max, head, rest);
            complete(id, size);
            done = true;
            LOG.debug("File {} stored: {} bytes of {}", id, size, type);
            return new StoredFile(new FileId(id), project, name, type, size, kind, createdAt);
        } finally {
            if (!done) {
                removeQuietly(id);
            }
        }
    }

    /** Streams the content into chunks; refuses it as soon as it passes {@code max}, before writing past it. */
    private long writeChunks(long id, MediaKind kind, long max, byte[] head, InputStream rest) {
        InputStream content = new SequenceInputStream(new ByteArrayInputStream(head), rest);
        List<byte[]> batch = new ArrayList<>(BATCH);
        byte[] buffer = new byte[CHUNK];
        long size = 0;
        int seq = 0;
        while (true) {
            int n;
            try {
                n = content.readNBytes(buffer, 0, CHUNK);
            } catch (IOException e) {
                throw new UncheckedIOException("the file cannot be read to its end", e);
            }
            if (n == 0) {
                break;
            }
            size += n;
            if (size > max) {
                throw new InvalidInput("file.tooLarge", plural(kind) + " may be at most " + megabytes(max));
            }
            batch.add(Arrays.copyOf(buffer, n));
            if (batch.size() == BATCH) {
                insertChunks(id, seq, batch);
                seq += batch.size();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            insertChunks(id, seq, batch);
        }
        return size;
    }

    private long insertIncomplete(ProjectId project, String name, String type, MediaKind kind, Instant createdAt) {
        try (Connection connection = pool.getConnection()) {
            long id;
            try (PreparedStatement next = connection.prepareStatement("select nextval('file_blob_seq')");
                 ResultSet row = next.executeQuery()) {
                row.next();
                id = row.getLong(1);
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into file_blob (id, project_id, name, "
                    + "content_type, kind, size, created_at, claimed, complete) values (?, ?, ?, ?, ?, 0, ?, false, false)")) {
                insert.setLong(1, id);
                insert.setLong(2, project.value());
                insert.setString(3, name);
                insert.setString(4, type);
                insert.setString(5, kind.name());
                insert.setObject(6, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
                insert.executeUpdate();
            }
            return id;
        } catch (SQLException e) {
            throw failure("storing a file", e);
        }
    }

    private void insertChunks(long id, int firstSeq, List<byte[]> chunks) {
        try (Connection connection = pool.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into file_chunk (file_id, seq, data) values (?, ?, ?)")) {
            int seq = firstSeq;
            for (byte[] chunk : chunks) {
                insert.setLong(1, id);
                insert.setInt(2, seq++);
                insert.setBytes(3, chunk);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw failure("storing a file", e);
        }
    }

    private void complete(long id, long size) {
        update("update file_blob set size = ?, complete = true where id = ?", "storing a file", size, id);
    }

    private void removeQuietly(long id) {
        try {
            update("delete from file_blob where id = ?", "removing a refused file", id);
        } catch (StoreException e) {
            // the row stays incomplete and unclaimed: the hourly removal takes it
            LOG.warn("Refused or failed file {} could not be removed now; it is removed with unclaimed files", id, e);
        }
    }

    @Override
    public Optional<StoredFile> find(FileId id) {
        try (Connection connection = pool.getConnection();
             PreparedStatement select = connection.prepareStatement("select project_id, name, content_type, size, "
                     + "kind, created_at from file_blob where id = ? and complete")) {
            select.setLong(1, id.value());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredFile(id, new ProjectId(row.getLong(1)), row.getString(2),
                        row.getString(3), row.getLong(4), MediaKind.valueOf(row.getString(5)),
                        row.getObject(6, OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw failure("reading a file", e);
        }
    }

    @Override
    public InputStream open(FileId id) {
        StoredFile file = find(id).orElseThrow(() -> new NotFound("file", id));
        return new ChunkInputStream(pool, id.value(), file.size());
    }

    @Override
    public void claim(FileId id) {
        if (update("update file_blob set claimed = true where id = ? and complete", "claiming a file", id.value()) == 0) {
            throw new NotFound("file", id);
        }
    }

    @Override
    public StoredFile toJpeg(FileId id) {
        StoredFile file = find(id).orElseThrow(() -> new NotFound("file", id));
        if (file.kind() != MediaKind.IMAGE) {
            throw new InvalidInput("file.convert", "only images can be converted to JPEG");
        }
        byte[] jpeg;
        try (InputStream content = open(id)) {
            jpeg = JpegConversion.convert(content);
        } catch (IOException e) {
            throw new StoreException("file " + id + " cannot be read", e);
        }
        return store(file.project(), FileNames.base(file.name()) + ".jpg", new ByteArrayInputStream(jpeg), OWN_COPIES);
    }

    @Override
    public void delete(FileId id) {
        update("delete from file_blob where id = ?", "removing a file", id.value());
    }

    @Override
    public int removeUnclaimed(Duration age) {
        OffsetDateTime before = OffsetDateTime.ofInstant(clock.instant().minus(age), ZoneOffset.UTC);
        return update("delete from file_blob where claimed = false and created_at < ?", "removing unclaimed files",
                before);
    }

    private int update(String sql, String what, Object... parameters) {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private ScheduledExecutorService startCleanup(Duration every) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "switchboard-files-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        // the first run soon after the start, so that a node restarted more often than hourly still cleans up
        long first = Math.min(every.toMillis(), FIRST_CLEANUP_AFTER.toMillis());
        executor.scheduleWithFixedDelay(this::removeOldUnclaimed, first, every.toMillis(), TimeUnit.MILLISECONDS);
        return executor;
    }

    private void removeOldUnclaimed() {
        try {
            int removed = removeUnclaimed(UNCLAIMED_AGE);
            if (removed > 0) {
                LOG.info("Removed {} unclaimed files older than {}", removed, UNCLAIMED_AGE);
            }
        } catch (RuntimeException e) {
            // an exception would cancel the schedule; the next run tries again
            LOG.warn("Removing unclaimed files failed; trying again in {}", CLEANUP_EVERY, e);
        }
    }

    /** Stops the hourly removal; the pool belongs to the store, which closes it. */
    @Deactivate
    @Override
    public void close() {
        if (cleanup != null) {
            cleanup.shutdownNow();
            try {
                if (!cleanup.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("Removal of unclaimed files did not stop within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static StoreException failure(String what, SQLException e) {
        return new StoreException(what + " failed (SQLState " + e.getSQLState() + ")", e);
    }

    private static String plural(MediaKind kind) {
        return switch (kind) {
            case IMAGE -> "images";
            case VIDEO -> "videos";
            case AUDIO -> "audio files";
            case FILE -> "files";
        };
    }

    /** A limit as the spec writes it: 3 MB, 100 MB (binary megabytes, as FileLimits counts them). */
    static String megabytes(long bytes) {
        if (bytes % FileLimits.MB == 0) {
            return bytes / FileLimits.MB + " MB";
        }
        if (bytes >= FileLimits.MB) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) FileLimits.MB);
        }
        return bytes + " bytes";
    }
}
