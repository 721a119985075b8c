package dev.switchboard.channel.widget.internal.live;

import dev.switchboard.api.domain.ChatId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The visitors' open event streams and waiting long polls on this node (issue 10: the team's replies live), by visitor
 * and by chat: the chat engine's events name a chat ({@link ChatEventWaker}), a send names a visitor
 * ({@code WidgetConnector.send}). A visitor who has not written yet has no chat: the chat is learnt when their first
 * message is stored here, or by the ping every 20 seconds (the message may have reached another node).
 * <p>
 * Nothing here holds a thread per visitor: streams are async responses, reads and writes run on a few workers, and a
 * timer sends the pings and ends the polls. Everything is closed when the bundle stops: the widget says the chat is
 * unavailable and reconnects when it comes back. Caps keep a flood of streams from exhausting the node: at most
 * {@link #MAX_STREAMS_PER_VISITOR} per visitor (the oldest is closed) and {@link #MAX_LISTENERS} in all.
 */
@Component(service = LiveStreams.class)
public final class LiveStreams {

    private static final Logger LOG = LoggerFactory.getLogger(LiveStreams.class);

    public static final Duration PING = Duration.ofSeconds(20);
    public static final Duration POLL = Duration.ofSeconds(25);
    static final Duration JOURNAL_IDLE = Duration.ofMinutes(2);
    static final int MAX_STREAMS_PER_VISITOR = 5;
    static final int MAX_LISTENERS = 20_000;
    static final int MAX_JOURNALS = 20_000;

    private final Map<VisitorKey, Set<Listener>> listeners = new ConcurrentHashMap<>();
    private final Map<ChatId, VisitorKey> visitors = new ConcurrentHashMap<>();
    private final Map<VisitorKey, ChatId> chats = new ConcurrentHashMap<>();
    private final Map<VisitorKey, PollJournal> journals = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final Clock clock;
    private final Duration pollTime;
    private volatile boolean stopped;

    @Activate
    public LiveStreams() {
        this(Executors.newSingleThreadScheduledExecutor(threads("switchboard-widget-timer")),
                Executors.newFixedThreadPool(4, threads("switchboard-widget-live")), Clock.systemUTC(), PING, POLL);
    }

    /** With the given threads and times (tests run the workers on the caller's thread). */
    public LiveStreams(ScheduledExecutorService timer, ExecutorService workers, Clock clock, Duration ping,
                       Duration pollTime) {
        this.timer = timer;
        this.workers = workers;
        this.clock = clock;
        this.pollTime = pollTime;
        timer.scheduleWithFixedDelay(this::pingAll, ping.toMillis(), ping.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::forgetIdleJournals, 60, 60, TimeUnit.SECONDS);
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Opens a visitor's event stream: writes its preamble and pushes the latest page, then pushes changes on every
     * wake and a ping every 20 seconds.
     *
     * @return closes the stream (when the visitor went away); empty when the node has as many as it takes
     */
    public Optional<Runnable> openStream(VisitorKey key, Transcript transcript, Sink sink) {
        if (stopped || count.get() >= MAX_LISTENERS) {
            return Optional.empty();
        }
        List<Listener> streams = new ArrayList<>();
        EventStream[] holder = new EventStream[1];
        EventStream stream = new EventStream(transcript, sink, this::execute, () -> remove(key, holder[0]));
        holder[0] = stream;
        add(key, stream, transcript);
        listeners.getOrDefault(key, Set.of()).stream().filter(l -> l instanceof EventStream && l != stream)
                .forEach(streams::add);
        // the oldest beyond the cap go: a visitor with many tabs keeps the newest
        for (int i = 0; i < streams.size() - (MAX_STREAMS_PER_VISITOR - 1); i++) {
            streams.get(i).close();
        }
        stream.start();
        return Optional.of(stream::close);
    }

    /**
     * Waits for what changed in the visitor's chat after {@code since} (epoch millis), up to the poll's time, then
     * answers through {@code sink} and closes it.
     *
     * @return answers the poll at once (when the visitor went away); empty when the node has as many listeners as
     *         it takes (nothing was written)
     */
    public Optional<Runnable> poll(VisitorKey key, Transcript transcript, long since, Sink sink) {
        if (stopped || count.get() >= MAX_LISTENERS) {
            return Optional.empty();
        }
        PollJournal journal = journal(key);
        PollWaiter[] holder = new PollWaiter[1];
        PollWaiter waiter = new PollWaiter(transcript, sink, journal, since, clock, this::execute,
                () -> remove(key, holder[0]));
        holder[0] = waiter;
        add(key, waiter, transcript);
        try {
            timer.schedule(waiter::expire, pollTime.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            waiter.expire();
            return Optional.of(waiter::close);
        }
        execute(waiter::check);
        return Optional.of(waiter::close);
    }

    private PollJournal journal(VisitorKey key) {
        long now = clock.millis();
        PollJournal journal = journals.get(key);
        if (journal != null) {
            return journal;
        }
        if (journals.size() >= MAX_JOURNALS) {
            return new PollJournal(now);
        }
        return journals.computeIfAbsent(key, k -> new PollJournal(now));
    }

    private void add(VisitorKey key, Listener listener, Transcript transcript) {
        listeners.computeIfAbsent(key, k -> new CopyOnWriteArraySet<>()).add(listener);
        count.incrementAndGet();
        if (!chats.containsKey(key)) {
            try {
                transcript.chat().ifPresent(chat -> chatKnown(key, chat));
            } catch (RuntimeException e) {
                LOG.debug("A widget visitor's chat could not be read: {}", e.toString());
            }
        }
    }

    private void remove(VisitorKey key, Listener listener) {
        listeners.computeIfPresent(key, (k, set) -> {
            if (set.remove(listener)) {
                count.decrementAndGet();
            }
            if (!set.isEmpty()) {
                return set;
            }
            ChatId chat = chats.remove(k);
            if (chat != null) {
                visitors.remove(chat, k);
            }
            return null;
        });
    }

    /** The visitor's chat, learnt from the ingress's answer to their message: events of the chat now wake them. */
    public void chatKnown(VisitorKey key, ChatId chat) {
        if (listeners.containsKey(key)) {
            visitors.put(chat, key);
            chats.put(key, chat);
            if (!listeners.containsKey(key)) {
                // the last listener left meanwhile
                visitors.remove(chat, key);
                chats.remove(key, chat);
            }
        }
    }

    /** Wakes the streams and polls of the chat's visitor on this node, if any. */
    public void wakeChat(ChatId chat) {
        VisitorKey key = visitors.get(chat);
        if (key != null) {
            wakeVisitor(key);
        }
    }

    /** Wakes the visitor's streams and polls on this node, if any. */
    public void wakeVisitor(VisitorKey key) {
        for (Listener l : listeners.getOrDefault(key, Set.of())) {
            l.wake();
        }
    }

    /** How many streams and polls are open, for tests and diagnostics. */
    public int open() {
        return count.get();
    }

    /** How many streams and polls the visitor has open. */
    int open(VisitorKey key) {
        return listeners.getOrDefault(key, Set.of()).size();
    }

    private void pingAll() {
        try {
            for (Map.Entry<VisitorKey, Set<Listener>> e : listeners.entrySet()) {
                VisitorKey key = e.getKey();
                boolean chatUnknown = !chats.containsKey(key);
                for (Listener l : e.getValue()) {
                    execute(() -> {
                        l.ping();
                        if (chatUnknown && !chats.containsKey(key)) {
                            try {
                                l.transcript().chat().ifPresent(chat -> {
                                    chatKnown(key, chat);
                                    l.wake();
                                });
                            } catch (RuntimeException ex) {
                                LOG.debug("A widget visitor's chat could not be read: {}", ex.toString());
                            }
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Pinging the widget's streams failed: {}", e.toString());
        }
    }

    private void forgetIdleJournals() {
        long idleSince = clock.millis() - JOURNAL_IDLE.toMillis();
        journals.entrySet().removeIf(e -> e.getValue().lastUsed() < idleSince && !listeners.containsKey(e.getKey()));
    }

    private void execute(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            // stopping: the listeners are being closed
        }
    }

    /** Closes every stream and poll: the bundle stops or is updated. */
    @Deactivate
    public void stop() {
        stopped = true;
        timer.shutdownNow();
        List<Listener> all = new ArrayList<>();
        listeners.values().forEach(all::addAll);
        for (Listener l : all) {
            try {
                l.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing a widget stream failed: {}", e.toString());
            }
        }
        listeners.clear();
        visitors.clear();
        chats.clear();
        journals.clear();
        count.set(0);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }
}
