package dev.switchboard.channel.widget.internal.live;

import dev.switchboard.api.chat.ChatEvents;
import dev.switchboard.api.domain.ChatId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Wakes the live streams of a chat's visitor when the chat engine reports a change to its messages (issue 10): a
 * message added (the team's reply is visible once sent), changed (a file arrived) or its delivery changed (sent,
 * read). These events also arrive from other nodes, so a reply sent by another node's outbox reaches a visitor
 * connected here. {@link ChatEvents#CHAT_CHANGED} (taken, handed over, Done) changes nothing the visitor sees.
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + ChatEvents.ALL)
public final class ChatEventWaker implements EventHandler {

    private final LiveStreams streams;

    @Activate
    public ChatEventWaker(@Reference LiveStreams streams) {
        this.streams = streams;
    }

    @Override
    public void handleEvent(Event event) {
        if (ChatEvents.CHAT_CHANGED.equals(event.getTopic())) {
            return;
        }
        if (event.getProperty(ChatEvents.CHAT) instanceof Number chat && chat.longValue() > 0) {
            streams.wakeChat(new ChatId(chat.longValue()));
        }
    }
}
