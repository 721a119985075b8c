package dev.switchboard.interactions.internal.sources;

import dev.switchboard.api.card.CardEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongFunction;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Records posted events, and what another connection saw at that moment: of the contact's sources for an event
 * about a contact, of the project's tool catalogue for a catalogue event.
 */
final class RecordingEventAdmin implements EventAdmin {

    record Posted(String topic, Object project, Object contact, long rowsSeenByOthers) {
    }

    private final List<Posted> posted = new CopyOnWriteArrayList<>();
    private final LongFunction<Long> contactRows;
    private final LongFunction<Long> projectTools;

    RecordingEventAdmin(LongFunction<Long> contactRows, LongFunction<Long> projectTools) {
        this.contactRows = contactRows;
        this.projectTools = projectTools;
    }

    @Override
    public void postEvent(Event event) {
        Object project = event.getProperty(CardEvents.PROJECT);
        Object contact = event.getProperty(CardEvents.CONTACT);
        long seen = -1;
        if (contact instanceof Long c) {
            seen = contactRows.apply(c);
        } else if (CardEvents.CATALOGUE_CHANGED.equals(event.getTopic()) && project instanceof Long p) {
            seen = projectTools.apply(p);
        }
        posted.add(new Posted(event.getTopic(), project, contact, seen));
    }

    @Override
    public void sendEvent(Event event) {
        throw new AssertionError("contact sources post; they never send synchronously");
    }

    List<Posted> of(long contact) {
        return posted.stream().filter(p -> Long.valueOf(contact).equals(p.contact())).toList();
    }

    /** Events about the project as a whole (no contact). */
    List<Posted> ofProject(long project) {
        return posted.stream().filter(p -> p.contact() == null && Long.valueOf(project).equals(p.project())).toList();
    }
}
