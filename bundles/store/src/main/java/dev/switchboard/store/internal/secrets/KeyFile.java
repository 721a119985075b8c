package dev.switchboard.store.internal.secrets;

import dev.switchboard.api.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Set;

/**
 * {@code etc/switchboard-secrets.key}: the installation's secrets keys, current first. Created with a fresh random
 * key at the first start, readable and writable by its owner only (rw-------); a rotation writes a new key on
 * top and keeps the older ones below it. Every write goes to a new file moved over the old one, so a crash never
 * leaves half a key file.
 */
final class KeyFile {

    private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final String HEADER = """
            # Switchboard's secrets keys (channel tokens, CRM keys and webhook secrets are sealed with them).
            # Back this file up with the database: without it the sealed values cannot be read.
            # One key a line, <id>:<base64 of 32 bytes>, the current key first; older keys below it still open
            # values sealed before a rotation. Rotate with switchboard:secrets-rotate (operator guide, "Secrets").
            """;

    private final Path path;
    private final SecureRandom random;

    KeyFile(Path path, SecureRandom random) {
        this.path = path.toAbsolutePath().normalize();
        this.random = random;
    }

    Path path() {
        return path;
    }

    /** When the file was last changed, to notice a rotation done elsewhere (another node's copy, an operator). */
    Version version() {
        try {
            return new Version(Files.getLastModifiedTime(path), Files.size(path));
        } catch (IOException e) {
            return null;
        }
    }

    /** The file's keys; a new file with one fresh key when there is none yet. */
    KeyRing loadOrCreate() {
        if (!Files.exists(path)) {
            create();
        }
        return load();
    }

    KeyRing load() {
        try {
            warnIfOthersCanRead();
            return KeyRing.parse(Files.readString(path, StandardCharsets.UTF_8), path.toString(), null);
        } catch (IOException e) {
            throw new StoreException("the secrets key file " + path + " cannot be read", e);
        }
    }

    /** Writes a fresh key on top of the file, keeping every older line; returns its id. */
    synchronized String rotate() {
        KeyRing ring = load();
        KeyRing.Key key = new KeyRing.Key(ring.nextId(), fresh());
        try {
            String old = Files.readString(path, StandardCharsets.UTF_8);
            int keys = firstKeyLine(old);
            replace(old.substring(0, keys) + key.line() + "\n" + old.substring(keys));
        } catch (IOException e) {
            throw new StoreException("the secrets key file " + path + " cannot be rewritten", e);
        }
        LOG.info("Secrets key {} is now current in {}; older keys {} still open older values", key.id(), path,
                ring.ids());
        return key.id();
    }

    /** Where the first key line starts: the comments above it stay above the new key. */
    private static int firstKeyLine(String text) {
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            String line = (end < 0 ? text.substring(start) : text.substring(start, end)).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                return start;
            }
            if (end < 0) {
                return text.length();
            }
            start = end + 1;
        }
        return start;
    }

    private void create() {
        KeyRing.Key first = new KeyRing.Key("k1", fresh());
        try {
            Files.createDirectories(path.getParent());
            Path created = Files.createFile(path, ownerOnly());
            Files.writeString(created, HEADER + first.line() + "\n", StandardCharsets.UTF_8);
            LOG.info("Created the secrets key file {} with a new key; back it up with the database", path);
        } catch (FileAlreadyExistsException e) {
            // created meanwhile by another start: its key is the one to use
        } catch (IOException e) {
            throw new StoreException("the secrets key file " + path + " cannot be created", e);
        }
    }

    private void replace(String content) throws IOException {
        Path temporary = path.resolveSibling(path.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, ownerOnly());
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private byte[] fresh() {
        byte[] key = new byte[KeyRing.KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    private FileAttribute<?>[] ownerOnly() {
        // set when the file is created, so that it is never readable by others, not even for a moment
        return posix() ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private boolean posix() {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private void warnIfOthersCanRead() throws IOException {
        if (posix() && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(path))) {
            LOG.warn("The secrets key file {} may be read by others than its owner; make it rw------- (chmod 600)",
                    path);
        }
    }

    /** The file's modification time and size. */
    record Version(FileTime modified, long size) {
        Version {
            Objects.requireNonNull(modified, "modified");
        }
    }
}
