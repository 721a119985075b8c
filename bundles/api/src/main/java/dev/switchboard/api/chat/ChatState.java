package dev.switchboard.api.chat;

/** Where a chat is in its life: nobody took it, someone is responsible, or its last request was marked Done. */
public enum ChatState {
    NEW,
    ACTIVE,
    DONE
}
