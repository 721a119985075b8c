package dev.switchboard.console.internal.live;

import dev.switchboard.api.chat.ChatEvents;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.api.domain.ProjectId;
import java.util.Optional;

/**
 * One chat event of the engine as the console's pages see it (a {@link ChatEvents} topic with its properties).
 *
 * @param message the message added or changed (edited, a file arrived, its delivery moved on), for message events
 */
public record ChatChange(String topic, ProjectId project, ChatId chat, Optional<MessageId> message) {

    /** A chat's state, responsible, participants or group changed. */
    public boolean chatChanged() {
        return ChatEvents.CHAT_CHANGED.equals(topic);
    }

    /**
     * A message already shown may look different now: the client edited it, one of its files arrived or failed
     * (MSG-1), or its delivery moved on (MSG-2).
     */
    public boolean messageChanged() {
        return ChatEvents.MESSAGE_CHANGED.equals(topic) || ChatEvents.DELIVERY_CHANGED.equals(topic);
    }
}
