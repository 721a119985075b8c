package dev.switchboard.card.internal.service;

import dev.switchboard.api.card.CardEvents;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts {@link CardEvents} asynchronously; callers register it with {@code tx.afterCommit} only. */
public final class CardEventPublisher {

    private final EventAdmin eventAdmin;

    public CardEventPublisher(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    public void changed(long project, long contact) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CardEvents.PROJECT, project);
        properties.put(CardEvents.CONTACT, contact);
        eventAdmin.postEvent(new Event(CardEvents.CHANGED, properties));
    }

    public void merged(long project, long survivor, long merged) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CardEvents.PROJECT, project);
        properties.put(CardEvents.CONTACT, survivor);
        properties.put(CardEvents.MERGED_CONTACT, merged);
        eventAdmin.postEvent(new Event(CardEvents.MERGED, properties));
    }

    public void catalogueChanged(long project) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CardEvents.PROJECT, project);
        eventAdmin.postEvent(new Event(CardEvents.CATALOGUE_CHANGED, properties));
    }
}
