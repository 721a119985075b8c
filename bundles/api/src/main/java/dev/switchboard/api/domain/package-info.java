/**
 * Identifiers and value records shared by every Switchboard bundle.<br>
 * Ids are small records so that a chat id can never be passed where a member id is expected.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
@org.osgi.annotation.bundle.Export
package dev.switchboard.api.domain;
