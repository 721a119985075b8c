package dev.switchboard.store.testing;

import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.store.Database;
import dev.switchboard.store.internal.StoreDatabase;
import dev.switchboard.store.internal.config.ConnectionPools;
import dev.switchboard.store.internal.config.StoreSettings;
import dev.switchboard.store.internal.files.DatabaseFileStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh database for one test class, with the store's real {@link Database} on it, built without OSGi.
 * Register a subclass as a {@code static} field with {@code @RegisterExtension}; see {@link PostgresDatabase}
 * and {@link H2FileDatabase}.
 */
public abstract class TestDatabase implements BeforeAllCallback, AfterAllCallback {

    private StoreSettings settings;
    private StoreDatabase database;

    /** Creates the empty database and returns the settings that reach it. */
    protected abstract StoreSettings create() throws Exception;

    /** Removes the database; the store is already closed. */
    protected abstract void destroy(StoreSettings settings) throws Exception;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        settings = create();
        database = StoreDatabase.open(settings);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            database = null;
            destroy(settings);
        }
    }

    /** The store on this class's database; units opened through it are closed after the class. */
    public Database database() {
        return started();
    }

    /**
     * The blob store on this class's database, as the store bundle registers it but without its hourly removal
     * of unclaimed files; it follows {@link #reopen()} when called again.
     */
    public FileStore files() {
        return DatabaseFileStore.open(started(), Clock.systemUTC());
    }

    /**
     * Closes the store and opens a new one on the same data, as a restart of the installation would; units
     * opened before are closed.
     */
    public Database reopen() {
        started().close();
        database = StoreDatabase.open(settings);
        return database;
    }

    private StoreDatabase started() {
        if (database == null) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " is not started: register it on a static field with @RegisterExtension");
        }
        return database;
    }

    /** A store of its own on the same data, for tests that need two; the caller closes it. */
    public StoreDatabase openAnother() {
        return StoreDatabase.open(settings);
    }

    /** The settings this database was created with. */
    public StoreSettings settings() {
        return settings;
    }

    /** Plain JDBC to the same database, outside the pool, to look at what the store left behind. */
    public DataSource jdbc() {
        return ConnectionPools.unpooled(settings);
    }

    /** The rows {@code sql} returns, each as a list of its column values. */
    public List<List<Object>> rows(String sql) {
        try (Connection connection = jdbc().getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int column = 1; column <= columns; column++) {
                    row.add(result.getObject(column));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    /** Whether a table of that (lower-case) name exists in the current schema. */
    public boolean tableExists(String table) {
        return !rows("select table_name from information_schema.tables where table_schema = current_schema() "
                + "and table_name = '" + table + "'").isEmpty();
    }
}
