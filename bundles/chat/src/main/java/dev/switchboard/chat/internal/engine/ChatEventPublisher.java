package dev.switchboard.chat.internal.engine;

import dev.switchboard.api.chat.ChatEvents;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts {@link ChatEvents} asynchronously; callers register it with {@code tx.afterCommit} only. */
public final class ChatEventPublisher {

    private final EventAdmin eventAdmin;

    public ChatEventPublisher(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    public void chatChanged(long project, long chat) {
        post(ChatEvents.CHAT_CHANGED, project, chat, null);
    }

    public void messageAdded(long project, long chat, long message) {
        post(ChatEvents.MESSAGE_ADDED, project, chat, message);
    }

    public void messageChanged(long project, long chat, long message) {
        post(ChatEvents.MESSAGE_CHANGED, project, chat, message);
    }

    public void deliveryChanged(long project, long chat, long message) {
        post(ChatEvents.DELIVERY_CHANGED, project, chat, message);
    }

    private void post(String topic, long project, long chat, Long message) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ChatEvents.PROJECT, project);
        properties.put(ChatEvents.CHAT, chat);
        if (message != null) {
            properties.put(ChatEvents.MESSAGE, message);
        }
        eventAdmin.postEvent(new Event(topic, properties));
    }
}
