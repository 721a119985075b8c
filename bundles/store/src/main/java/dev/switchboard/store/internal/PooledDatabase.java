package dev.switchboard.store.internal;

import dev.switchboard.api.store.Database;
import dev.switchboard.api.store.StoreException;
import dev.switchboard.api.store.UnitSpec;

import javax.sql.DataSource;

/**
 * The database as this bundle's own components see it: the shared pool for plain JDBC where JPA does not fit
 * (the blob store streams files chunk by chunk, INP-2, INP-3), and migrations without a persistence unit. A DS
 * service like {@link Database}, so its users go away and come back with the store when its configuration
 * changes; its package is private, so no other bundle can use it.
 */
public interface PooledDatabase extends Database {

    /**
     * The store's connection pool; connections go back to it when closed.
     *
     * @throws StoreException when the store is closed
     */
    DataSource pool();

    /**
     * Migrates the owner's schema to its newest version, as {@link #open} does, without a persistence unit.
     *
     * @throws StoreException when the database cannot be reached or a migration fails
     */
    void migrate(UnitSpec spec);
}
