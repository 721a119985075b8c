package dev.switchboard.api.chat;

/**
 * Event Admin topics the chat engine posts after each commit, so that open consoles, plugins and other nodes
 * react. Every event carries the properties {@link #PROJECT} and {@link #CHAT} (longs); message events also
 * {@link #MESSAGE}.
 */
public final class ChatEvents {

    /** A chat's state, responsible, participants or group changed. */
    public static final String CHAT_CHANGED = "dev/switchboard/chat/CHANGED";

    /** A message was added to a chat (inbound, outbound, note or system). */
    public static final String MESSAGE_ADDED = "dev/switchboard/chat/MESSAGE_ADDED";

    /**
     * A stored message changed: the client edited it, or one of its files arrived (or failed to).
     */
    public static final String MESSAGE_CHANGED = "dev/switchboard/chat/MESSAGE_CHANGED";

    /** An outbound message's delivery state changed. */
    public static final String DELIVERY_CHANGED = "dev/switchboard/chat/DELIVERY_CHANGED";

    /** Every chat topic, for a handler's {@code event.topics}. */
    public static final String ALL = "dev/switchboard/chat/*";

    public static final String PROJECT = "project";
    public static final String CHAT = "chat";
    public static final String MESSAGE = "message";

    private ChatEvents() {
    }
}
