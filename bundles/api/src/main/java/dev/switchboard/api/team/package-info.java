/**
 * Projects (tenants), members with roles and access rights, and console authentication.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
@org.osgi.annotation.bundle.Export
package dev.switchboard.api.team;
