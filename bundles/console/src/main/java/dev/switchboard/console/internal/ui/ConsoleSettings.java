package dev.switchboard.console.internal.ui;

/**
 * The console settings views need, taken from {@code dev.switchboard.console} when the servlet starts.
 *
 * @param inboxPageSize chats loaded per page of an inbox tab
 */
public record ConsoleSettings(int inboxPageSize) {
}
