package dev.switchboard.store.internal.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.api.store.Database.Dialect;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the one connection pool. The engines' own DataSource classes are used rather than JDBC URLs resolved
 * through DriverManager, which cannot see driver bundles from inside OSGi.
 */
public final class ConnectionPools {

    /**
     * H2 settings that make the embedded default behave like PostgreSQL where our code can tell:
     * <ul>
     *     <li>{@code MODE=PostgreSQL}: PostgreSQL syntax and functions in migrations and native queries;</li>
     *     <li>{@code DATABASE_TO_LOWER=TRUE}: unquoted names fold to lower case, as in PostgreSQL, so the
     *     same script and the same quoted name in a native query work on both engines (the H2 default folds
     *     to upper case);</li>
     *     <li>{@code DEFAULT_NULL_ORDERING=HIGH}: nulls sort last ascending and first descending, as in
     *     PostgreSQL; H2 otherwise sorts them low and inbox lists would come out in another order.</li>
     * </ul>
     * These are fixed, not operator settings: {@code DATABASE_TO_LOWER} is stored in the file and cannot
     * change once the database exists.
     */
    static final String H2_COMPATIBILITY = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    /**
     * {@code WRITE_DELAY=0}: a commit is written to the file before it returns (issue 12). H2 2.x's MVStore keeps
     * committed changes in memory and a background thread writes them every {@code WRITE_DELAY} ms (500 by
     * default): a killed process lost every message it had answered 200 in that last half second (135 of 1,798
     * in a crash test). At 0 the MVStore's auto-commit delay is 0, so H2 stores each transaction that changed
     * something as it ends ({@code TransactionStore.endTransaction}), on the committing thread; the setting is not
     * kept in the file, hence in the URL. What it costs, measured in docs/reliability.md: one write per commit
     * (a single writer's commits were about seven times slower), and a larger file, since the background thread
     * that also compacted the file no longer runs and space freed by a commit is reused only after H2's
     * retention time of 45 s. A write reaches the operating system, which keeps it when the JVM is killed; a
     * power cut can still take the last moments, as with PostgreSQL's {@code synchronous_commit = off}.
     */
    static final String H2_DURABLE_COMMITS = ";WRITE_DELAY=0";

    private ConnectionPools() {
    }

    /** The H2 URL for {@code file}; every connection to the same file must use these same settings. */
    public static String h2Url(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath() + H2_COMPATIBILITY + H2_DURABLE_COMMITS;
    }

    /** An unpooled DataSource to the configured database, for tools and tests that need raw JDBC. */
    public static DataSource unpooled(StoreSettings settings) {
        return switch (settings.dialect()) {
            case H2 -> {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL(h2Url(settings.h2File()));
                h2.setUser("sa");
                h2.setPassword("");
                yield h2;
            }
            case POSTGRESQL -> {
                PGSimpleDataSource pg = new PGSimpleDataSource();
                pg.setURL(settings.postgresqlUrl());
                if (settings.postgresqlUser() != null && !settings.postgresqlUser().isBlank()) {
                    pg.setUser(settings.postgresqlUser());
                }
                if (settings.postgresqlPassword() != null && !settings.postgresqlPassword().isEmpty()) {
                    pg.setPassword(settings.postgresqlPassword());
                }
                pg.setApplicationName("switchboard");
                yield pg;
            }
        };
    }

    /**
     * Opens the pool. It connects lazily, so an unreachable database does not keep the store service from
     * starting; the owners' {@code open} calls report it instead, as the API promises.
     */
    public static HikariDataSource open(StoreSettings settings) {
        if (settings.dialect() == Dialect.H2) {
            createParentFolder(settings.h2File());
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("switchboard-store");
        config.setDataSource(unpooled(settings));
        config.setMaximumPoolSize(settings.poolMaxSize());
        config.setConnectionTimeout(settings.connectionTimeoutMs());
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private static void createParentFolder(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder for the H2 database: " + parent, e);
        }
    }
}
