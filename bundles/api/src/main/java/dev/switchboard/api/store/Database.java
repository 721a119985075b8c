package dev.switchboard.api.store;

/**
 * The installation's one database, configured by the operator in {@code etc/dev.switchboard.store.cfg}
 * (PostgreSQL in production, an embedded H2 file by default). Bundles that own tables call {@link #open} once
 * when they activate: their migrations run first, then they get a persistence unit of their own on the shared
 * connection pool.
 */
public interface Database {

    /**
     * Migrates the owner's schema to the newest version it ships and opens its persistence unit.
     *
     * @throws StoreException when the database cannot be reached or a migration fails; nothing of the
     *                        failed migration stays applied
     */
    PersistenceUnit open(UnitSpec spec);

    /** Which database engine is configured, for the few queries that differ between them. */
    Dialect dialect();

    /** The database engines Switchboard runs on. */
    enum Dialect {
        H2,
        POSTGRESQL
    }
}
