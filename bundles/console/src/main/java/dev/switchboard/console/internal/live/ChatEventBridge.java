package dev.switchboard.console.internal.live;

import dev.switchboard.api.chat.ChatEvents;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.api.domain.ProjectId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the chat engine's events (posted on Event Admin after each commit) to the open console pages of the same
 * project, so that a second manager sees new messages, takes, hand-overs and Done without reloading (WIN, INB).
 *
 * <p>Event Admin calls {@link #handleEvent} on its own threads while pages subscribe and leave on theirs: the
 * registry is concurrent, and each listener must hand the work to its UI ({@code ui.access}) itself, which
 * {@link UiFeed} does.
 */
@Component(service = {EventHandler.class, ChatEventBridge.class},
        property = EventConstants.EVENT_TOPIC + "=" + ChatEvents.ALL)
public final class ChatEventBridge implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ChatEventBridge.class);

    private final Map<ProjectId, Set<Consumer<ChatChange>>> listeners = new ConcurrentHashMap<>();

    /**
     * Calls {@code listener} with every chat event of {@code project}, on Event Admin's thread.
     *
     * @return removes the listener again
     */
    public Runnable subscribe(ProjectId project, Consumer<ChatChange> listener) {
        Objects.requireNonNull(listener);
        listeners.computeIfAbsent(project, key -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.computeIfPresent(project, (key, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** How many listeners follow a project, for tests and diagnostics. */
    int listenerCount(ProjectId project) {
        Set<Consumer<ChatChange>> set = listeners.get(project);
        return set == null ? 0 : set.size();
    }

    @Override
    public void handleEvent(Event event) {
        Optional<ChatChange> change = parse(event);
        if (change.isEmpty()) {
            LOG.debug("Ignoring chat event {} without project or chat", event.getTopic());
            return;
        }
        Set<Consumer<ChatChange>> set = listeners.get(change.get().project());
        if (set == null) {
            return;
        }
        for (Consumer<ChatChange> listener : set) {
            try {
                listener.accept(change.get());
            } catch (RuntimeException e) {
                LOG.warn("A console page failed to take chat event {}", event.getTopic(), e);
            }
        }
    }

    static Optional<ChatChange> parse(Event event) {
        Optional<Long> project = id(event.getProperty(ChatEvents.PROJECT));
        Optional<Long> chat = id(event.getProperty(ChatEvents.CHAT));
        if (project.isEmpty() || chat.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ChatChange(event.getTopic(), new ProjectId(project.get()), new ChatId(chat.get()),
                id(event.getProperty(ChatEvents.MESSAGE)).map(MessageId::new)));
    }

    private static Optional<Long> id(Object value) {
        long id;
        if (value instanceof Number number) {
            id = number.longValue();
        } else if (value instanceof String text) {
            try {
                id = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        return id > 0 ? Optional.of(id) : Optional.empty();
    }
}
