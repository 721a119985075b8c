/**
 * The client card (CARD-1..6) and contact search (INB-7): contacts, their personal data, funnel status, tags,
 * automessage subscriptions, merging, and the search and filter queries.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
@org.osgi.annotation.bundle.Export
package dev.switchboard.api.card;
