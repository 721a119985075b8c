package dev.switchboard.console.internal.live;

import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.team.Presence;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells {@link Presence} which members have a console page open (issue 10: a website widget says "we answer later"
 * when nobody does): a member when their page opens, then every {@link #EVERY} while one of their pages stays open,
 * so that they stay within Presence's two minutes. The reports run on a thread of their own, never on a page's
 * (the write is a database round trip), and a report that fails is logged at debug only: presence is a hint to
 * visitors and must never disturb the console.
 */
@Component(service = PresenceReporter.class)
public final class PresenceReporter {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceReporter.class);
    /** How often the members with an open page are reported. */
    static final Duration EVERY = Duration.ofSeconds(45);

    private final Presence presence;
    private final ScheduledExecutorService executor;
    /** Members with an open page, with how many pages each has open. */
    private final Map<MemberId, Integer> open = new ConcurrentHashMap<>();

    @Activate
    public PresenceReporter(@Reference Presence presence) {
        this(presence, Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "switchboard-console-presence");
            thread.setDaemon(true);
            return thread;
        }), EVERY);
    }

    PresenceReporter(Presence presence, ScheduledExecutorService executor, Duration every) {
        this.presence = presence;
        this.executor = executor;
        executor.scheduleWithFixedDelay(this::reportOpen, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A page of {@code member} is open: reported now (in the background) and with every round until the returned
     * handle is run, on the page's detach. Running the handle twice closes the page once.
     */
    public Runnable opened(MemberId member) {
        open.merge(member, 1, Integer::sum);
        try {
            executor.execute(() -> report(member));
        } catch (RejectedExecutionException stopping) {
            // the console is stopping: nothing more to report
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                open.computeIfPresent(member, (m, pages) -> pages == 1 ? null : pages - 1);
            }
        };
    }

    /** One round: every member with an open page. */
    void reportOpen() {
        open.keySet().forEach(this::report);
    }

    private void report(MemberId member) {
        try {
            presence.seen(member);
        } catch (RuntimeException e) {
            LOG.debug("Could not report member {} present: {}", member, e.toString());
        }
    }

    /** How many members have a page open, for tests. */
    int members() {
        return open.size();
    }

    @Deactivate
    void stop() {
        executor.shutdownNow();
    }
}
