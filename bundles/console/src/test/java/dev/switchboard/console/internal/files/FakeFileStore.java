package dev.switchboard.console.internal.files;

import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.api.files.StoredFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A blob store holding a few files in memory, for the download rules. */
final class FakeFileStore implements FileStore {

    private final Map<FileId, StoredFile> files = new HashMap<>();
    private final Map<FileId, byte[]> bytes = new HashMap<>();

    StoredFile add(long id, ProjectId project, String name, String contentType, byte[] content) {
        StoredFile file = new StoredFile(new FileId(id), project, name, contentType, content.length,
                MediaKind.of(contentType), Instant.parse("2026-01-01T00:00:00Z"));
        files.put(file.id(), file);
        bytes.put(file.id(), content);
        return file;
    }

    @Override
    public StoredFile store(ProjectId project, String name, InputStream content, FileLimits limits) {
        throw new UnsupportedOperationException("the download rules never store");
    }

    @Override
    public Optional<StoredFile> find(FileId id) {
        return Optional.ofNullable(files.get(id));
    }

    @Override
    public InputStream open(FileId id) {
        byte[] content = bytes.get(id);
        if (content == null) {
            throw new NotFound("file", id);
        }
        return new ByteArrayInputStream(content);
    }

    @Override
    public void claim(FileId id) {
    }

    @Override
    public StoredFile toJpeg(FileId id) {
        throw new UnsupportedOperationException("the download rules never convert");
    }

    @Override
    public void delete(FileId id) {
        files.remove(id);
        bytes.remove(id);
    }

    @Override
    public int removeUnclaimed(Duration age) {
        return 0;
    }
}
