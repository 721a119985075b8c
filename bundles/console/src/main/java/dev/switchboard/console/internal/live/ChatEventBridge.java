package dev.switchboard.console.internal.live;

import dev.switchboard.api.card.CardEvents;
import dev.switchboard.api.chat.ChatEvents;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.api.domain.ProjectId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the chat engine's events (posted on Event Admin after each commit) to the open console pages of the same
 * project, so that a second manager sees new messages, takes, hand-overs and Done without reloading (WIN, INB), and
 * every page showing a message sees its changes: the client's edits, files that arrived, delivery and read receipts
 * ({@link ChatEvents#MESSAGE_CHANGED}, {@link ChatEvents#DELIVERY_CHANGED}; MSG-1, MSG-2);
 * and the card bundle's events ({@link CardEvents}), so that open client cards follow edits, merges and catalogue
 * changes made elsewhere (CARD).
 *
 * <p>Event Admin calls {@link #handleEvent} on its own threads while pages subscribe and leave on theirs: the
 * registry is concurrent, and each listener must hand the work to its UI ({@code ui.access}) itself, which
 * {@link UiFeed} does on the bridge's own threads ({@link #pages()}). A page's redraw must never run on Event
 * Admin's thread: {@code ui.access} runs the redraw at once in the calling thread when the session is free, and
 * with many open pages under load that outlasts Event Admin's timeout (5 s in Felix), after which Event Admin
 * stops calling this handler for good and every open console stops following the inbox.
 */
@Component(service = {EventHandler.class, ChatEventBridge.class},
        property = {EventConstants.EVENT_TOPIC + "=" + ChatEvents.ALL,
                EventConstants.EVENT_TOPIC + "=" + CardEvents.ALL})
public final class ChatEventBridge implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ChatEventBridge.class);

    private static final String CARD_TOPICS = CardEvents.ALL.substring(0, CardEvents.ALL.length() - 1);

    private final ExecutorService pages = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), new ThreadFactory() {
                private final AtomicInteger count = new AtomicInteger();

                @Override
                public Thread newThread(Runnable task) {
                    Thread thread = new Thread(task, "switchboard-console-live-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }
            });

    private final Map<ProjectId, Set<Consumer<ChatChange>>> listeners = new ConcurrentHashMap<>();
    private final Map<ProjectId, Set<Consumer<CardChange>>> cardListeners = new ConcurrentHashMap<>();

    /**
     * Calls {@code listener} with every chat event of {@code project}, on Event Admin's thread: the listener only
     * hands it over (see {@link UiFeed}).
     *
     * @return removes the listener again
     */
    public Runnable subscribe(ProjectId project, Consumer<ChatChange> listener) {
        return add(listeners, project, listener);
    }

    /**
     * Calls {@code listener} with every card event of {@code project}, on Event Admin's thread: the listener only
     * hands it over (see {@link UiFeed}).
     *
     * @return removes the listener again
     */
    public Runnable subscribeCards(ProjectId project, Consumer<CardChange> listener) {
        return add(cardListeners, project, listener);
    }

    private static <T> Runnable add(Map<ProjectId, Set<Consumer<T>>> registry, ProjectId project,
                                    Consumer<T> listener) {
        Objects.requireNonNull(listener);
        registry.computeIfAbsent(project, key -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> registry.computeIfPresent(project, (key, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** The threads on which open pages take their updates, so that Event Admin's thread only hands them over. */
    Executor pages() {
        return pages;
    }

    @Deactivate
    void stop() {
        pages.shutdownNow();
    }

    /** How many listeners follow a project, for tests and diagnostics. */
    int listenerCount(ProjectId project) {
        Set<Consumer<ChatChange>> set = listeners.get(project);
        Set<Consumer<CardChange>> cards = cardListeners.get(project);
        return (set == null ? 0 : set.size()) + (cards == null ? 0 : cards.size());
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getTopic().startsWith(CARD_TOPICS)) {
            handleCardEvent(event);
            return;
        }
        Optional<ChatChange> change = parse(event);
        if (change.isEmpty()) {
            LOG.debug("Ignoring chat event {} without project or chat", event.getTopic());
            return;
        }
        deliver(listeners.get(change.get().project()), change.get(), event);
    }

    private void handleCardEvent(Event event) {
        Optional<CardChange> change = parseCard(event);
        if (change.isEmpty()) {
            LOG.debug("Ignoring card event {} without project", event.getTopic());
            return;
        }
        deliver(cardListeners.get(change.get().project()), change.get(), event);
    }

    private static <T> void deliver(Set<Consumer<T>> set, T change, Event event) {
        if (set == null) {
            return;
        }
        for (Consumer<T> listener : set) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("A console page failed to take event {}", event.getTopic(), e);
            }
        }
    }

    static Optional<CardChange> parseCard(Event event) {
        Optional<Long> project = id(event.getProperty(CardEvents.PROJECT));
        if (project.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CardChange(event.getTopic(), new ProjectId(project.get()),
                id(event.getProperty(CardEvents.CONTACT)).map(ContactId::new),
                id(event.getProperty(CardEvents.MERGED_CONTACT)).map(ContactId::new)));
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
