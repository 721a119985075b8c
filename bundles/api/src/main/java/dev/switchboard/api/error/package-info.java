/**
 * Typed domain errors. Each carries a message key so the console can say it in the reader's language.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package dev.switchboard.api.error;
