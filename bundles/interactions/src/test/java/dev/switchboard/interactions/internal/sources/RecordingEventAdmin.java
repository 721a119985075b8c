package dev.switchboard.interactions.internal.sources;

import dev.switchboard.api.card.CardEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongFunction;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Records posted events, and what another connection saw of the contact's sources at that moment. */
final class RecordingEventAdmin implements EventAdmin {

    record Posted(String topic, Object project, Object contact, long rowsSeenByOthers) {
    }

    private final List<Posted> posted = new CopyOnWriteArrayList<>();
    private final LongFunction<Long> lookFromOutside;

    RecordingEventAdmin(LongFunction<Long> lookFromOutside) {
        this.lookFromOutside = lookFromOutside;
    }

    @Override
    public void postEvent(Event event) {
        Object contact = event.getProperty(CardEvents.CONTACT);
        posted.add(new Posted(event.getTopic(), event.getProperty(CardEvents.PROJECT), contact,
                contact instanceof Long c ? lookFromOutside.apply(c) : -1));
    }

    @Override
    public void sendEvent(Event event) {
        throw new AssertionError("contact sources post; they never send synchronously");
    }

    List<Posted> of(long contact) {
        return posted.stream().filter(p -> Long.valueOf(contact).equals(p.contact())).toList();
    }
}
