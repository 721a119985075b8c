package dev.switchboard.api.chat;

/** What a message is (MSG-1..4). Notes and system messages are never sent to the client. */
public enum MessageKind {
    INBOUND,
    OUTBOUND,
    NOTE,
    SYSTEM
}
