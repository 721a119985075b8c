/**
 * Contact sources (CARD-8): acquisition tools, Google Analytics client ids and visits with their UTM tags, fed by
 * channels and the website widget, read by the card and by CRM connectors.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package dev.switchboard.api.interactions;
