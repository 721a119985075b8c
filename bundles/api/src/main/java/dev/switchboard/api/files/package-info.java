/**
 * The blob store: attachments and client photos in the database, streamed, typed by their bytes, with the spec's
 * limits and the executable refusal (INP-2, INP-3).
 */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package dev.switchboard.api.files;
