package dev.switchboard.store.internal.config;

import dev.switchboard.api.store.Database.Dialect;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The resolved store settings: defaults applied, the password taken from the environment where the operator
 * asked for it. Plain values so that tests and other modules can build a store without OSGi.
 */
public record StoreSettings(Dialect dialect, Path h2File, String postgresqlUrl, String postgresqlUser,
                            String postgresqlPassword, int poolMaxSize, long connectionTimeoutMs) {

    public static final String DEFAULT_POSTGRESQL_URL = "jdbc:postgresql://127.0.0.1:5432/switchboard";
    public static final int DEFAULT_POOL_MAX_SIZE = 10;
    public static final long DEFAULT_CONNECTION_TIMEOUT_MS = 30_000;

    public StoreSettings {
        Objects.requireNonNull(dialect, "dialect");
        if (dialect == Dialect.H2) {
            Objects.requireNonNull(h2File, "h2File");
        } else {
            Objects.requireNonNull(postgresqlUrl, "postgresqlUrl");
        }
        if (poolMaxSize < 1) {
            throw new IllegalArgumentException("pool.maxSize must be at least 1: " + poolMaxSize);
        }
        if (connectionTimeoutMs < 250) {
            // HikariCP's own lower bound; below it Hikari silently uses 30 s, which would surprise the operator
            throw new IllegalArgumentException("pool.connectionTimeoutMs must be at least 250: " + connectionTimeoutMs);
        }
    }

    /** Settings for an embedded H2 file at {@code file} (without the {@code .mv.db} suffix). */
    public static StoreSettings h2(Path file) {
        return new StoreSettings(Dialect.H2, file, null, null, null, DEFAULT_POOL_MAX_SIZE,
                DEFAULT_CONNECTION_TIMEOUT_MS);
    }

    /** Settings for a PostgreSQL database. */
    public static StoreSettings postgresql(String url, String user, String password) {
        return new StoreSettings(Dialect.POSTGRESQL, null, url, user, password, DEFAULT_POOL_MAX_SIZE,
                DEFAULT_CONNECTION_TIMEOUT_MS);
    }

    /**
     * Resolves the operator's configuration.
     *
     * @param environment looks up environment variables ({@code System::getenv} in production)
     * @param system      system properties, for {@code karaf.data}
     */
    public static StoreSettings from(StoreConfig config, UnaryOperator<String> environment, Properties system) {
        Dialect dialect = switch (config.db_kind().trim().toLowerCase(Locale.ROOT)) {
            case "h2", "" -> Dialect.H2;
            case "postgresql", "postgres" -> Dialect.POSTGRESQL;
            default -> throw new IllegalArgumentException(
                    "db.kind must be h2 or postgresql, not '" + config.db_kind() + "'");
        };
        Path h2File = blank(config.h2_file())
                ? Path.of(system.getProperty("karaf.data", "./data"), "switchboard", "switchboard")
                : Path.of(config.h2_file().trim());
        return new StoreSettings(dialect, h2File.toAbsolutePath().normalize(), config.postgresql_url().trim(),
                config.postgresql_user(), password(config, environment), config.pool_maxSize(),
                config.pool_connectionTimeoutMs());
    }

    private static String password(StoreConfig config, UnaryOperator<String> environment) {
        if (!blank(config.postgresql_password_env())) {
            String fromEnvironment = environment.apply(config.postgresql_password_env().trim());
            if (fromEnvironment != null) {
                return fromEnvironment;
            }
        }
        return config.postgresql_password();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    public StoreSettings withPool(int maxSize, long timeoutMs) {
        return new StoreSettings(dialect, h2File, postgresqlUrl, postgresqlUser, postgresqlPassword, maxSize,
                timeoutMs);
    }

    /** Where the data lives, for logs: never the password, and no URL parameters, which might hold one. */
    public String describe() {
        return switch (dialect) {
            case H2 -> "embedded H2 file " + h2File;
            case POSTGRESQL -> "PostgreSQL " + withoutParameters(postgresqlUrl) + " as user " + postgresqlUser;
        };
    }

    private static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    @Override
    public String toString() {
        return "StoreSettings[" + describe() + ", pool.maxSize=" + poolMaxSize + ", pool.connectionTimeoutMs="
                + connectionTimeoutMs + "]";
    }
}
