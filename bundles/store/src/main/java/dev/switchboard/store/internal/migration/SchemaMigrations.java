package dev.switchboard.store.internal.migration;

import dev.switchboard.api.store.Database.Dialect;
import dev.switchboard.api.store.StoreException;
import dev.switchboard.api.store.UnitSpec;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.List;
import java.util.Locale;

/**
 * Runs one owner's Flyway migrations: {@code <migrations>/common} plus the folder of the configured engine,
 * recorded in the owner's own history table {@code <name>_schema_history}.
 */
public final class SchemaMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    private final DataSource dataSource;
    private final Dialect dialect;

    public SchemaMigrations(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** The history table of {@code spec}'s unit. */
    public static String historyTable(UnitSpec spec) {
        return spec.name() + "_schema_history";
    }

    /** The class-path folders whose scripts apply on {@code dialect}. */
    public static List<String> folders(UnitSpec spec, Dialect dialect) {
        String base = trimSlashes(spec.migrations());
        return List.of(base + "/common", base + "/" + dialect.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Migrates {@code spec}'s schema to its newest version.
     *
     * @throws StoreException when a migration fails; the message names the unit only, the SQL is in the cause
     */
    public void migrate(UnitSpec spec) {
        List<String> folders = folders(spec, dialect);
        FluentConfiguration flyway = Flyway.configure(spec.classLoader())
                .dataSource(dataSource)
                .table(historyTable(spec))
                .locations(folders.stream().map(folder -> "classpath:" + folder).toArray(String[]::new))
                // All owners share one schema, so to Flyway every owner but the first finds a "non-empty
                // schema without history". Baselining at 0 instead of the default 1 records that and still
                // runs the owner's V1; a baseline at 1 would silently skip it.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("<< " + spec.name() + " baseline >>");
        Bundle owner = FrameworkUtil.getBundle(spec.classLoader()).orElse(null);
        if (owner != null) {
            OwnerBundleResources resources = OwnerBundleResources.of(owner, folders);
            if (resources == null) {
                throw new StoreException("the bundle of unit '" + spec.name() + "' is not resolved");
            }
            // Java migrations are not part of the contract; an empty class provider also keeps Flyway from
            // starting its class-path scanner on a bundle class loader it cannot list.
            flyway.resourceProvider(resources).javaMigrationClassProvider(List::of);
        }
        try {
            MigrateResult result = flyway.load().migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("Unit '{}' migrated from version {} to {} ({} scripts)", spec.name(),
                        result.initialSchemaVersion, result.targetSchemaVersion, result.migrationsExecuted);
            } else {
                LOG.debug("Unit '{}' is up to date at version {}", spec.name(), result.initialSchemaVersion);
            }
        } catch (FlywayException e) {
            throw new StoreException("the schema migration of unit '" + spec.name() + "' failed", e);
        }
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
