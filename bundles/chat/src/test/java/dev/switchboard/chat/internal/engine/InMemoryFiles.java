package dev.switchboard.chat.internal.engine;

import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.api.files.StoredFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A blob store in memory for the chat engine's tests: the type from the first bytes (JPEG, PNG, GIF, MP4, else a
 * file), the limits and an executable check by the "MZ" header, claims, and a JPEG "conversion" that marks the copy.
 * The store bundle's own tests cover the real store (Tika, chunks in the database).
 */
public final class InMemoryFiles implements FileStore {

    private record Entry(StoredFile file, byte[] bytes) {
    }

    private final Map<Long, Entry> files = new ConcurrentHashMap<>();
    public final Set<Long> claimed = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong(5000);

    @Override
    public StoredFile store(ProjectId project, String name, InputStream content, FileLimits limits) {
        byte[] bytes;
        try {
            bytes = content.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length == 0) {
            throw new InvalidInput("file.empty", "the file is empty");
        }
        if (bytes.length > 1 && bytes[0] == 'M' && bytes[1] == 'Z' || name.toLowerCase().endsWith(".exe")) {
            throw new InvalidInput("file.executable", "executable files are not accepted");
        }
        String type = type(bytes);
        MediaKind kind = MediaKind.of(type);
        long max = limits.of(kind).orElseThrow(() -> new InvalidInput("file.kind", kind + " files are not accepted"));
        if (bytes.length > max) {
            throw new InvalidInput("file.tooLarge", "at most " + max + " bytes");
        }
        StoredFile f = new StoredFile(new FileId(ids.incrementAndGet()), project, name, type, bytes.length, kind,
                Instant.now());
        files.put(f.id().value(), new Entry(f, bytes));
        return f;
    }

    private static String type(byte[] b) {
        if (b.length > 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) {
            return "image/jpeg";
        }
        if (b.length > 3 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length > 2 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
            return "image/gif";
        }
        if (b.length > 7 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            return "video/mp4";
        }
        return "application/octet-stream";
    }

    @Override
    public Optional<StoredFile> find(FileId id) {
        return Optional.ofNullable(files.get(id.value())).map(Entry::file);
    }

    @Override
    public InputStream open(FileId id) {
        Entry e = files.get(id.value());
        if (e == null) {
            throw new NotFound("file", id);
        }
        return new ByteArrayInputStream(e.bytes());
    }

    @Override
    public void claim(FileId id) {
        claimed.add(id.value());
    }

    @Override
    public StoredFile toJpeg(FileId id) {
        Entry e = files.get(id.value());
        byte[] jpeg = new byte[e.bytes().length + 2];
        jpeg[0] = (byte) 0xff;
        jpeg[1] = (byte) 0xd8;
        System.arraycopy(e.bytes(), 0, jpeg, 2, e.bytes().length);
        String name = e.file().name().replaceAll("\\.[^.]*$", "") + ".jpg";
        StoredFile f = new StoredFile(new FileId(ids.incrementAndGet()), e.file().project(), name, "image/jpeg",
                jpeg.length, MediaKind.IMAGE, Instant.now());
        files.put(f.id().value(), new Entry(f, jpeg));
        return f;
    }

    @Override
    public void delete(FileId id) {
        files.remove(id.value());
        claimed.remove(id.value());
    }

    @Override
    public int removeUnclaimed(Duration age) {
        int before = files.size();
        files.keySet().removeIf(id -> !claimed.contains(id));
        return before - files.size();
    }

    public int size() {
        return files.size();
    }
}
