package dev.switchboard.api.channel;

/** Why a platform refused a message for good: the team sees the reason, and the core acts on some of them. */
public enum Refusal {
    /** the client blocked the bot or unsubscribed: the chat becomes unreachable until the client writes again */
    CLIENT_BLOCKED,
    /** the platform's messaging window is closed (Meta, WhatsApp after 24 h) */
    WINDOW_CLOSED,
    /** the message or a file is larger than the platform takes */
    TOO_LARGE,
    /** the platform does not take this kind of content */
    UNSUPPORTED,
    /** no such recipient (never started the bot, deleted account) */
    RECIPIENT_NOT_FOUND,
    /** the platform found the request invalid */
    INVALID,
    OTHER
}
