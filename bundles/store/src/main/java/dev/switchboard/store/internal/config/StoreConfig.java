package dev.switchboard.store.internal.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The operator's settings in {@code etc/dev.switchboard.store.cfg}. Every attribute has a default, so a fresh
 * installation runs on the embedded H2 file without any file at all.
 */
@ObjectClassDefinition(
        name = "Switchboard store",
        description = "The database Switchboard keeps its data in and the connection pool to it.")
public @interface StoreConfig {

    String PID = "dev.switchboard.store";

    @AttributeDefinition(name = "Database engine",
            description = "h2 (embedded file, the default) or postgresql (production).",
            options = {@Option(label = "H2 (embedded)", value = "h2"),
                       @Option(label = "PostgreSQL", value = "postgresql")})
    String db_kind() default "h2";

    @AttributeDefinition(name = "H2 file",
            description = "Path of the H2 database file without the .mv.db suffix. Empty means "
                    + "<karaf.data>/switchboard/switchboard (./data/switchboard/switchboard outside Karaf).",
            required = false)
    String h2_file() default "";

    @AttributeDefinition(name = "PostgreSQL JDBC URL")
    String postgresql_url() default StoreSettings.DEFAULT_POSTGRESQL_URL;

    @AttributeDefinition(name = "PostgreSQL user")
    String postgresql_user() default "switchboard";

    @AttributeDefinition(name = "PostgreSQL password", type = AttributeType.PASSWORD, required = false)
    String postgresql_password() default "";

    @AttributeDefinition(name = "PostgreSQL password variable",
            description = "Name of an environment variable holding the password; when set and present it "
                    + "wins over the plain password, which keeps the secret out of etc/.",
            required = false)
    String postgresql_password_env() default "";

    @AttributeDefinition(name = "Pool size", description = "Most connections the pool opens.", min = "1")
    int pool_maxSize() default StoreSettings.DEFAULT_POOL_MAX_SIZE;

    @AttributeDefinition(name = "Connection timeout (ms)",
            description = "How long a caller waits for a free connection before the store gives up.", min = "250")
    long pool_connectionTimeoutMs() default StoreSettings.DEFAULT_CONNECTION_TIMEOUT_MS;
}
