/**
 * The funnel SPI (CARD-3): a bundle registers a {@link dev.switchboard.api.funnel.FunnelDefinition} and projects
 * that choose it show its stages as the client's status.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package dev.switchboard.api.funnel;
