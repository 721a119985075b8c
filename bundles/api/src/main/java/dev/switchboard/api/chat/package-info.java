/**
 * Chats as the inbox sees them: tabs, summaries and paged tab queries.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
@org.osgi.annotation.bundle.Export
package dev.switchboard.api.chat;
