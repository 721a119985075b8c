package dev.switchboard.console.internal.search;

import dev.switchboard.api.chat.ChatSummary;
import dev.switchboard.api.chat.InboxTab;

/**
 * One of a found contact's chats, with the inbox address that opens it in the tab it belongs to for the viewer.
 *
 * @param href relative to the console's root, e.g. {@code inbox/mine/42}
 */
public record ChatLink(ChatSummary chat, InboxTab tab, String href) {
}
