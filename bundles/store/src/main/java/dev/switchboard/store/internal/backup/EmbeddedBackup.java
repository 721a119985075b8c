package dev.switchboard.store.internal.backup;

import dev.switchboard.api.store.Database.Dialect;
import dev.switchboard.api.store.StoreException;
import dev.switchboard.store.internal.PooledDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A backup of the embedded H2 database while Switchboard runs (issue 12; operator guide, "Backup and restore"):
 * H2's {@code BACKUP TO}, a zip holding the database file as it is at one commit. H2 writes what is committed,
 * stops reusing free space in the file for as long as it copies (new commits go past the end), and copies the
 * file: the copy opens at the last commit written before the copy began, so the backup is consistent while writes
 * go on, and nothing waits for it. Restoring is unpacking that one file in place of the installation's while it is
 * stopped. A SQL script ({@code SCRIPT TO}) would also survive an H2 upgrade, but restoring it needs an empty
 * database opened with the store's exact settings and a tool to run it; the file is what an operator can put back
 * by hand. PostgreSQL is refused: {@code pg_dump} is the tool there.
 */
public final class EmbeddedBackup {

    /** What was written: the zip, its size, and the database file inside it (what a restore unpacks). */
    public record Written(Path file, long bytes, String entry, long entryBytes) {
    }

    private EmbeddedBackup() {
    }

    /**
     * Writes the backup to {@code target}, which must not exist; the zip appears under that name only when it is
     * complete (it is written beside it first and moved there).
     *
     * @throws StoreException on PostgreSQL, when {@code target} exists, or when the backup cannot be written
     */
    public static Written write(PooledDatabase database, Path target) {
        if (database.dialect() != Dialect.H2) {
            throw new StoreException("The database is PostgreSQL, which switchboard:backup does not copy: back it up "
                    + "with pg_dump (for example pg_dump -Fc -f switchboard.dump switchboard) and keep "
                    + "etc/switchboard-secrets.key with it (operator guide, \"Backup and restore\").");
        }
        Path zip = target.toAbsolutePath().normalize();
        if (Files.exists(zip)) {
            throw new StoreException("The file " + zip + " exists already; name a new one.");
        }
        Path partial = zip.resolveSibling(zip.getFileName() + ".partial");
        try {
            Files.createDirectories(zip.getParent());
            Files.deleteIfExists(partial);
            try (Connection c = database.pool().getConnection();
                 PreparedStatement backup = c.prepareStatement("BACKUP TO ?")) {
                backup.setString(1, partial.toString());
                backup.execute();
            }
            ZipEntry entry = databaseFile(partial);
            move(partial, zip);
            return new Written(zip, Files.size(zip), entry.getName(), entry.getSize());
        } catch (SQLException | IOException e) {
            throw new StoreException("The backup to " + zip + " failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // what is left is named .partial and never mistaken for a backup
            }
        }
    }

    /** The zip's database file, read through to its end, so that a backup that cannot be unpacked is refused. */
    private static ZipEntry databaseFile(Path zip) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (entry.getName().endsWith(".mv.db")) {
                    ZipEntry read = new ZipEntry(entry.getName());
                    read.setSize(entries.transferTo(OutputStream.nullOutputStream()));
                    if (read.getSize() == 0) {
                        throw new IOException("H2 wrote an empty database file into the zip");
                    }
                    return read;
                }
            }
        }
        throw new IOException("H2 wrote no database file into the zip");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("the file " + to + " appeared while the backup was written", e);
        }
    }
}
