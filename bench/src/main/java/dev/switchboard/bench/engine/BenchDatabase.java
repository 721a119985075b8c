package dev.switchboard.bench.engine;

import dev.switchboard.store.internal.StoreDatabase;
import dev.switchboard.store.internal.config.StoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A PostgreSQL database of a benchmark, named {@code sb_bench_*}, with the store's real {@link StoreDatabase}
 * (HikariCP, Flyway, EclipseLink) on it. Created on 127.0.0.1:5432 as user {@code postgres} (as the store's
 * {@code PostgresDatabase} test support does); {@code -Dswitchboard.bench.postgresql.url} and
 * {@code -Dswitchboard.bench.postgresql.user} point elsewhere. Dropped by {@link #close()} unless kept.
 */
final class BenchDatabase implements AutoCloseable {

    static final String ADMIN_URL = System.getProperty("switchboard.bench.postgresql.url",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = System.getProperty("switchboard.bench.postgresql.user", "postgres");

    /** Flyway logs through java.util.logging here (no OSGi log service): keep its per-migration lines out. */
    private static final java.util.logging.Logger JUL_ROOT = java.util.logging.Logger.getLogger("");

    static {
        JUL_ROOT.setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler h : JUL_ROOT.getHandlers()) {
            h.setLevel(java.util.logging.Level.WARNING);
        }
    }

    private final String name;
    private final boolean keep;
    private final boolean existed;
    private StoreDatabase store;

    private BenchDatabase(String name, boolean keep, boolean existed) {
        this.name = name;
        this.keep = keep;
        this.existed = existed;
    }

    /** A fresh database with a random name, dropped at the end. */
    static BenchDatabase fresh(String prefix) throws SQLException {
        String name = "sb_bench_" + prefix + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        admin("create database " + name);
        return new BenchDatabase(name, false, false);
    }

    /**
     * The database of that fixed name. With {@code keep}, an existing one is reused and it is left in place at the
     * end; without, a leftover is dropped first and the new one is dropped at the end.
     */
    static BenchDatabase named(String name, boolean keep) throws SQLException {
        boolean exists;
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, null);
             PreparedStatement q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            q.setString(1, name);
            try (ResultSet r = q.executeQuery()) {
                exists = r.next();
            }
        }
        if (exists && !keep) {
            drop(name);
            exists = false;
        }
        if (!exists) {
            admin("create database " + name);
        }
        return new BenchDatabase(name, keep, exists);
    }

    /** Drops this database and creates it empty again (an incomplete leftover of an interrupted run). */
    void recreate() throws SQLException {
        if (store != null) {
            store.close();
            store = null;
        }
        drop(name);
        admin("create database " + name);
    }

    String name() {
        return name;
    }

    /** Whether the database was there before this run (kept from an earlier one). */
    boolean existed() {
        return existed;
    }

    String url() {
        return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

    /** The store on this database, with a pool of {@code poolSize} connections (the installation default is 10). */
    StoreDatabase store(int poolSize) {
        if (store == null) {
            store = StoreDatabase.open(StoreSettings.postgresql(url(), USER, null)
                    .withPool(poolSize, StoreSettings.DEFAULT_CONNECTION_TIMEOUT_MS));
        }
        return store;
    }

    /** Plain JDBC outside the store's pool (data generation, checks). */
    Connection jdbc() throws SQLException {
        return DriverManager.getConnection(url(), USER, null);
    }

    long scalar(String sql) throws SQLException {
        try (Connection c = jdbc(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        if (store != null) {
            store.close();
            store = null;
        }
        if (keep) {
            System.out.println("kept database " + name + " (drop it with: psql -h 127.0.0.1 -U postgres -c 'drop database "
                    + name + "')");
        } else {
            drop(name);
        }
    }

    private static void drop(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, null)) {
            try (PreparedStatement terminate = c.prepareStatement(
                    "select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
                terminate.setString(1, name);
                terminate.execute();
            }
            try (Statement s = c.createStatement()) {
                s.execute("drop database if exists " + name);
            }
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, null); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
