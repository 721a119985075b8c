package dev.switchboard.store.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.api.store.Database;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreException;
import dev.switchboard.api.store.UnitSpec;
import dev.switchboard.store.internal.config.ConnectionPools;
import dev.switchboard.store.internal.config.StoreConfig;
import dev.switchboard.store.internal.config.StoreSettings;
import dev.switchboard.store.internal.jpa.EntityManagerFactories;
import dev.switchboard.store.internal.migration.SchemaMigrations;
import dev.switchboard.store.internal.tx.TransactionalUnit;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import org.eclipse.persistence.exceptions.EclipseLinkException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The installation's database: one HikariCP pool from {@code etc/dev.switchboard.store.cfg}, Flyway migrations
 * and an EclipseLink unit per owner (architecture §6). A changed configuration re-creates the component, which
 * closes every unit and the pool of the old one first. It is registered as {@link PooledDatabase} too, for this
 * bundle's own components that need plain JDBC (the blob store); that type is private to the bundle.
 */
@Component(service = {Database.class, PooledDatabase.class}, configurationPid = StoreConfig.PID)
@Designate(ocd = StoreConfig.class)
public final class StoreDatabase implements PooledDatabase, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreDatabase.class);

    private final StoreSettings settings;
    private final HikariDataSource pool;
    private final SchemaMigrations migrations;
    private final Deque<TransactionalUnit> units = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    @Activate
    public StoreDatabase(StoreConfig config) {
        this(StoreSettings.from(config, System::getenv, System.getProperties()));
    }

    /**
     * A store without OSGi, for tests and tools; {@link #close()} it when done. A factory rather than a second
     * public one-argument constructor: Felix SCR picks the public constructor to inject by its parameter count.
     */
    public static StoreDatabase open(StoreSettings settings) {
        return new StoreDatabase(settings);
    }

    private StoreDatabase(StoreSettings settings) {
        this.settings = settings;
        this.pool = ConnectionPools.open(settings);
        this.migrations = new SchemaMigrations(pool, settings.dialect());
        LOG.info("Store uses {} (pool of at most {} connections)", settings.describe(), settings.poolMaxSize());
    }

    @Override
    public PersistenceUnit open(UnitSpec spec) {
        migrate(spec);
        EntityManagerFactory factory;
        try {
            factory = EntityManagerFactories.create(spec, pool, settings.dialect());
        } catch (PersistenceException | EclipseLinkException e) {
            throw new StoreException("persistence unit '" + spec.name() + "' cannot be opened", e);
        }
        TransactionalUnit unit = new TransactionalUnit(spec.name(), factory);
        units.push(unit);
        if (closed) {
            // close() ran while this unit was being opened and did not see it
            unit.close();
            throw new StoreException("the store is closed");
        }
        return unit;
    }

    @Override
    public void migrate(UnitSpec spec) {
        if (closed) {
            throw new StoreException("the store is closed");
        }
        migrations.migrate(spec);
    }

    @Override
    public DataSource pool() {
        if (closed) {
            throw new StoreException("the store is closed");
        }
        return pool;
    }

    @Override
    public Dialect dialect() {
        return settings.dialect();
    }

    /** Closes every unit opened here, then the pool. */
    @Deactivate
    @Override
    public void close() {
        closed = true;
        for (TransactionalUnit unit = units.poll(); unit != null; unit = units.poll()) {
            try {
                unit.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing {} failed", unit, e);
            }
        }
        pool.close();
        LOG.info("Store closed ({})", settings.describe());
    }
}
