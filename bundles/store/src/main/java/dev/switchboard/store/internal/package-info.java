/**
 * The store bundle's implementation of {@link dev.switchboard.api.store.Database}; nothing here is exported.
 * How owners write entities and migrations so that they run the same on H2 and PostgreSQL is in the bundle's
 * README.md (ids come from one database sequence per entity, {@code START WITH} equal to the allocation size).
 */
package dev.switchboard.store.internal;
