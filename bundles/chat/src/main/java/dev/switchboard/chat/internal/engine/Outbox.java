package dev.switchboard.chat.internal.engine;

/** The outbox dispatcher as the engine sees it: told to look for work right after a send commits. */
public interface Outbox {

    void nudge();
}
