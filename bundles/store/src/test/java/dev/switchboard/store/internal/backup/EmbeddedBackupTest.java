package dev.switchboard.store.internal.backup;

import dev.switchboard.api.store.StoreException;
import dev.switchboard.store.internal.PooledDatabase;
import dev.switchboard.store.internal.StoreDatabase;
import dev.switchboard.store.internal.config.StoreSettings;
import dev.switchboard.store.testing.H2FileDatabase;
import dev.switchboard.store.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code switchboard:backup}'s work (issue 12; operator guide, "Backup and restore"): a backup of the embedded
 * database taken while transactions keep committing opens as a database of its own, at one commit: every
 * transaction before the backup is in it, and no transaction is in it by halves. PostgreSQL is refused with the
 * tool that backs it up.
 */
class EmbeddedBackupTest {

    @RegisterExtension
    static final H2FileDatabase H2 = new H2FileDatabase();

    @RegisterExtension
    static final PostgresDatabase POSTGRES = new PostgresDatabase();

    @TempDir
    Path folder;

    @Test
    void aBackupTakenWhileWritesGoOnRestoresToOneCommit_withEverythingCommittedBeforeIt() throws Exception {
        PooledDatabase database = (PooledDatabase) H2.database();
        try (Connection c = database.pool().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table orders (id bigint primary key, body varchar(2000))");
            s.execute("create table order_lines (order_id bigint primary key, body varchar(2000))");
        }
        AtomicLong committed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> writePairs(database, committed, stop));
        writer.start();
        EmbeddedBackup.Written written;
        long before;
        try {
            while (committed.get() < 500) {
                Thread.sleep(10);
            }
            before = committed.get();
            written = EmbeddedBackup.write(database, folder.resolve("backups/switchboard-backup.zip"));
            Thread.sleep(100);
        } finally {
            stop.set(true);
            writer.join();
        }
        assertThat(written.file()).isEqualTo(folder.resolve("backups/switchboard-backup.zip"));
        assertThat(written.entry()).isEqualTo("switchboard.mv.db");
        assertThat(Files.list(folder.resolve("backups")).toList()).as("no partial file left")
                .containsExactly(written.file());

        Path restored = folder.resolve("restored");
        unzip(written.file(), restored);
        try (StoreDatabase copy = StoreDatabase.open(StoreSettings.h2(restored.resolve("switchboard")))) {
            Set<Long> orders = ids(copy, "select id from orders");
            Set<Long> lines = ids(copy, "select order_id from order_lines");
            assertThat(orders).as("each transaction whole or not at all").isEqualTo(lines);
            assertThat(orders).hasSizeGreaterThanOrEqualTo((int) before);
            assertThat(orders.size()).as("a copy of one moment, not of the end").isLessThan((int) committed.get());
            for (long id = 0; id < orders.size(); id++) {
                assertThat(orders).as("commits come in order: no gap").contains(id);
            }
        }
    }

    @Test
    void aFileThatExistsIsNeverOverwritten() throws Exception {
        Path existing = Files.writeString(folder.resolve("last-night.zip"), "yesterday's backup");

        assertThatThrownBy(() -> EmbeddedBackup.write((PooledDatabase) H2.database(), existing))
                .isInstanceOf(StoreException.class).hasMessageContaining("exists already");
        assertThat(Files.readString(existing)).isEqualTo("yesterday's backup");
    }

    @Test
    void onPostgresqlTheBackupIsRefusedWithTheToolThatDoesIt_andNothingIsWritten() {
        Path target = folder.resolve("pg.zip");

        assertThatThrownBy(() -> EmbeddedBackup.write((PooledDatabase) POSTGRES.database(), target))
                .isInstanceOf(StoreException.class).hasMessageContaining("pg_dump")
                .hasMessageContaining("switchboard-secrets.key");
        assertThat(target).doesNotExist();
    }

    /** Commits pairs of rows, one into each table, numbered from 0, until told to stop. */
    private static void writePairs(PooledDatabase database, AtomicLong committed, AtomicBoolean stop) {
        String body = "a line of an order ".repeat(50);
        try (Connection c = database.pool().getConnection();
             PreparedStatement order = c.prepareStatement("insert into orders values (?, ?)");
             PreparedStatement line = c.prepareStatement("insert into order_lines values (?, ?)")) {
            c.setAutoCommit(false);
            for (long id = 0; !stop.get(); id++) {
                order.setLong(1, id);
                order.setString(2, body);
                order.executeUpdate();
                line.setLong(1, id);
                line.setString(2, body);
                line.executeUpdate();
                c.commit();
                committed.set(id + 1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<Long> ids(StoreDatabase database, String sql) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection c = database.pool().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    private static void unzip(Path zip, Path into) throws Exception {
        Files.createDirectories(into);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Files.copy(entries, into.resolve(entry.getName()));
            }
        }
    }
}
