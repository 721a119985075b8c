/**
 * Persistence SPI: the store bundle opens a persistence unit per owning bundle, after migrating<br>
 * that bundle's own schema (one migration set and history table per owner, so plugins bring their own).
 */
@org.osgi.annotation.versioning.Version("1.1.0")
@org.osgi.annotation.bundle.Export
package dev.switchboard.api.store;
