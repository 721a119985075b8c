package dev.switchboard.api.chat;

/** Who caused an outbound message (MSG-2): a manager, an automation (auto-funnel), or a broadcast. */
public enum Origin {
    MANAGER,
    AUTOMATION,
    BROADCAST
}
