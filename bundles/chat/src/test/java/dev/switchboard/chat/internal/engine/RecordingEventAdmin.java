package dev.switchboard.chat.internal.engine;

import dev.switchboard.api.chat.ChatEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongFunction;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Records posted events, and what another connection saw of the chat at that moment: an event posted before the
 * commit would find the old state there.
 */
public final class RecordingEventAdmin implements EventAdmin {

    public record Posted(String topic, long project, long chat, Long message, String seenByOthers) {
    }

    private final List<Posted> posted = new CopyOnWriteArrayList<>();
    private final LongFunction<String> lookFromOutside;

    public RecordingEventAdmin(LongFunction<String> lookFromOutside) {
        this.lookFromOutside = lookFromOutside;
    }

    @Override
    public void postEvent(Event event) {
        long chat = (Long) event.getProperty(ChatEvents.CHAT);
        posted.add(new Posted(event.getTopic(), (Long) event.getProperty(ChatEvents.PROJECT), chat,
                (Long) event.getProperty(ChatEvents.MESSAGE), lookFromOutside.apply(chat)));
    }

    @Override
    public void sendEvent(Event event) {
        throw new AssertionError("the engine posts; it never sends synchronously");
    }

    public List<Posted> posted() {
        return List.copyOf(posted);
    }

    public List<Posted> of(long chat) {
        return posted.stream().filter(p -> p.chat() == chat).toList();
    }

    public void clear() {
        posted.clear();
    }
}
