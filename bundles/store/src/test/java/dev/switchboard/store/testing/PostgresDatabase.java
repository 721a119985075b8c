package dev.switchboard.store.testing;

import dev.switchboard.store.internal.config.StoreSettings;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A JUnit 5 extension that gives a test class a fresh PostgreSQL database with the store's real
 * {@link dev.switchboard.api.store.Database} on it, and drops the database afterwards.
 *
 * <pre>{@code
 * class TeamStoreTest {
 *     @RegisterExtension
 *     static final PostgresDatabase DB = new PostgresDatabase();
 *
 *     @Test
 *     void TEAM1_memberIsStored() {
 *         PersistenceUnit unit = DB.database().open(TeamUnit.spec());
 *         ...
 *     }
 * }
 * }</pre>
 *
 * The field must be static: the database lives for the whole class (one per class keeps the suite fast), so
 * tests in a class share data and should not depend on each other's rows. It needs PostgreSQL on
 * 127.0.0.1:5432 reachable as user {@code postgres} without a password (trust authentication), as in CI;
 * system properties {@code switchboard.test.postgresql.url} (a URL to an existing database, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}) and {@code switchboard.test.postgresql.user} point it
 * elsewhere. Each class gets a database named {@code sb_test_<random>}; leftovers of a killed run can be
 * dropped by that prefix. Use {@link H2FileDatabase} to show that the embedded default behaves the same.
 */
public class PostgresDatabase extends TestDatabase {

    private static final String ADMIN_URL = System.getProperty("switchboard.test.postgresql.url",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = System.getProperty("switchboard.test.postgresql.user", "postgres");

    private String name;

    /** The name of this class's database, once created. */
    public String databaseName() {
        return name;
    }

    @Override
    protected StoreSettings create() throws SQLException {
        name = "sb_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (Connection admin = admin().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("create database " + name);
        }
        PGSimpleDataSource target = admin();
        target.setDatabaseName(name);
        return StoreSettings.postgresql(target.getURL(), USER, null);
    }

    @Override
    protected void destroy(StoreSettings settings) throws SQLException {
        if (name == null) {
            return;
        }
        try (Connection admin = admin().getConnection()) {
            // a unit a test forgot to close must not keep the database from being dropped
            try (PreparedStatement terminate = admin.prepareStatement(
                    "select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
                terminate.setString(1, name);
                terminate.execute();
            }
            try (Statement statement = admin.createStatement()) {
                statement.execute("drop database if exists " + name);
            }
        } finally {
            name = null;
        }
    }

    private static PGSimpleDataSource admin() {
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(ADMIN_URL);
        admin.setUser(USER);
        admin.setApplicationName("switchboard-tests");
        return admin;
    }
}
