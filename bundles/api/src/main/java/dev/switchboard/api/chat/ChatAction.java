package dev.switchboard.api.chat;

/** Everything a member can do to a chat; the console offers only what {@link ChatService#allowedActions} lists. */
public enum ChatAction {
    READ,
    TAKE,
    ASSIGN,
    HAND_OVER,
    ACCEPT_HANDOVER,
    DECLINE_HANDOVER,
    ADD_PARTICIPANT,
    REMOVE_PARTICIPANT,
    LEAVE,
    FORWARD,
    DONE,
    TAKE_OVER,
    SEND,
    NOTE
}
