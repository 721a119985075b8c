package dev.switchboard.chat.internal.outbox;

import dev.switchboard.api.channel.ChannelCapabilities;
import dev.switchboard.api.channel.ChannelCapabilities.SendRate;
import dev.switchboard.api.channel.ChannelConnector;
import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.OutboundMessage;
import dev.switchboard.api.files.FileLinks;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.chat.internal.connection.ConnectorRegistry;
import dev.switchboard.chat.internal.connection.Connections;
import dev.switchboard.chat.internal.connection.LiveConnection;
import dev.switchboard.chat.internal.engine.ChatEventPublisher;
import dev.switchboard.chat.internal.engine.Outbox;
import dev.switchboard.chat.internal.outbox.Claims.Claim;
import dev.switchboard.chat.internal.store.ChatUnit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbound messages from the durable outbox through the channel bundles' {@link ChannelConnector}s
 * (architecture §1, §4, §7; MSG-2), so that a real platform's limits and failures cost neither a double send nor
 * another connection's time.
 * <ul>
 *   <li><b>Fenced.</b> Rows are claimed by the database ({@link Claims}: SKIP LOCKED, a lease and a token). The claim
 *       is renewed right before the connector is called, and the send is skipped when it is no longer held; a
 *       heartbeat renews the claims of sends in flight, so a send that outlives the lease keeps its claim while this
 *       node lives and only a dead node's claims run out; an outcome is recorded only under the claim's token. A
 *       send that outlives {@code outbox.sendTimeoutMs} is abandoned as a retry whose outcome is unknown: delivery
 *       is at least once, and on a channel that does not declare
 *       {@link ChannelCapabilities#deduplicatesSends()} (VK's {@code random_id} does) the client may get such a
 *       message twice. An answer that still comes is recorded if nobody took the message since.</li>
 *   <li><b>Lanes.</b> Each connection is a lane of its own: its sends run on worker threads, at most its channel's
 *       {@link SendRate#parallel()} at once and no faster than its {@link SendRate#perSecond()}, with
 *       {@link SendRate#perRecipient()} between two sends to one client ({@link Pacing}, in memory: this node's
 *       pacing). A claim takes no more rows of a connection than it has free, and none of a connection that is
 *       saturated or waits, so a slow or failing connection holds up only itself. A chat's messages leave one at a
 *       time in the order they were written.</li>
 *   <li><b>Outcomes</b> ({@link Outcomes}). Sent: SENT with the platform's ids. Refused: FAILED at once. Retry: again
 *       after an exponential backoff with jitter, never before the platform's retry-after, FAILED once the attempts
 *       run out; a retry-after also makes the connection's whole lane wait until then, on every node, because
 *       platforms' rate limits (Telegram's 429) are per bot, not per message. ConnectionFailing: the connection shows
 *       failing, the message waits without using up an attempt, and the lane pauses for
 *       {@code outbox.failingPauseMs}, doubled for each further refusal in a row.</li>
 *   <li>A channel type with no connector registered (its bundle stopped) and a disabled connection are not claimed
 *       at all: their rows wait, no attempt counted, and drain as soon as the connector or the switch is back.</li>
 * </ul>
 */
@Component(service = Outbox.class, configurationPid = ChatConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ChatConfig.class)
public final class OutboxDispatcher implements Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    /** For a channel that cannot tell its rate right now: one send at a time, one a second. */
    private static final SendRate CAUTIOUS = new SendRate(1, Duration.ZERO, 1);

    private final ChatEventPublisher events;
    private final OutboxSettings settings;
    private final ConnectorRegistry connectors;
    private final Connections connections;
    private final OutboundParts parts;
    private final Clock clock;
    private final Claims claims;
    private final Outcomes outcomes;
    private final Pacing pacing = new Pacing();
    /** The attempts of this node whose outcome is not recorded yet, by message: the heartbeat renews their claims. */
    private final Map<Long, Attempt> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService senders;
    private final AtomicBoolean nudged = new AtomicBoolean();
    private final Consumer<ChannelConnector> arrival = connector -> nudge();
    private final Object roundLock = new Object();
    private final Object wakeLock = new Object();
    private ScheduledFuture<?> wake;
    private Instant wakeAt;
    private volatile ScheduledExecutorService scheduler;
    private volatile ScheduledExecutorService heartbeats;

    @Activate
    public OutboxDispatcher(@Reference ChatUnit unit, @Reference EventAdmin eventAdmin,
                            @Reference ConnectorRegistry connectors, @Reference Connections connections,
                            @Reference FileStore files, @Reference FileLinks links, ChatConfig config) {
        this(unit.unit(), eventAdmin, connectors, connections, new OutboundParts(unit.unit(), files, links),
                OutboxSettings.of(config), Clock.systemUTC());
        connectors.onArrival(arrival);
        start();
    }

    /** A dispatcher that runs only when {@link #drain()} is called, until {@link #start()}. */
    public static OutboxDispatcher on(PersistenceUnit unit, EventAdmin eventAdmin, ConnectorRegistry connectors,
                                      Connections connections, OutboundParts parts, OutboxSettings settings,
                                      Clock clock) {
        return new OutboxDispatcher(unit, eventAdmin, connectors, connections, parts, settings, clock);
    }

    private OutboxDispatcher(PersistenceUnit unit, EventAdmin eventAdmin, ConnectorRegistry connectors,
                             Connections connections, OutboundParts parts, OutboxSettings settings, Clock clock) {
        this.events = new ChatEventPublisher(eventAdmin);
        this.connectors = connectors;
        this.connections = connections;
        this.parts = parts;
        this.settings = settings;
        this.clock = clock;
        this.claims = new Claims(unit, settings.lease());
        this.outcomes = new Outcomes(unit, events, settings);
        // a thread per send in flight, made when needed and let go when idle: the claims bound how many run, and a
        // send hung in its connector must not take a thread another connection needs
        this.senders = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                threads("switchboard-outbox-send", true));
    }

    /** Scans the outbox every poll interval and renews the claims of sends in flight, on threads of their own. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        ScheduledThreadPoolExecutor rounds = new ScheduledThreadPoolExecutor(1, threads("switchboard-outbox", false));
        rounds.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        rounds.setRemoveOnCancelPolicy(true);
        rounds.scheduleWithFixedDelay(this::roundLogged, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        ScheduledThreadPoolExecutor beats = new ScheduledThreadPoolExecutor(1,
                threads("switchboard-outbox-heartbeat", false));
        beats.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        long every = settings.heartbeat().toMillis();
        beats.scheduleWithFixedDelay(this::heartbeatLogged, every, every, TimeUnit.MILLISECONDS);
        scheduler = rounds;
        heartbeats = beats;
    }

    /**
     * Stops claiming and waits for the sends in flight, whose claims the heartbeat keeps renewing meanwhile; a send
     * that does not return in time is interrupted, and its message is tried again once its lease has run out.
     */
    @Deactivate
    public synchronized void stop() {
        connectors.removeListener(arrival);
        ScheduledExecutorService rounds = scheduler;
        ScheduledExecutorService beats = heartbeats;
        scheduler = null;
        heartbeats = null;
        try {
            if (rounds != null) {
                rounds.shutdown();
                rounds.awaitTermination(10, TimeUnit.SECONDS);
            }
            senders.shutdown();
            if (!senders.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Outbox sends did not finish within 10 s; interrupting them");
                senders.shutdownNow();
                senders.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            for (ScheduledExecutorService e : new ScheduledExecutorService[] {rounds, beats}) {
                if (e != null) {
                    e.shutdownNow();
                    awaitQuietly(e);
                }
            }
        }
    }

    private static void awaitQuietly(ExecutorService e) {
        try {
            e.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Looks for work now (after a send commits, a connector appeared, a send ended) instead of at the next poll. */
    @Override
    public void nudge() {
        ScheduledExecutorService s = scheduler;
        if (s != null && nudged.compareAndSet(false, true)) {
            try {
                s.execute(this::roundLogged);
            } catch (RejectedExecutionException stopping) {
                nudged.set(false);
            }
        }
    }

    /**
     * Delivers what may go now on the caller's behalf: claims as much as the lanes allow, runs the sends on the
     * worker threads, waits for them (renewing their claims and abandoning those past the send timeout meanwhile)
     * and repeats until nothing more may be claimed now: nothing is due, or what is due waits for its lane's pace,
     * its connection or its chat.
     *
     * @return how many attempts were made (connector calls, and messages failed before one)
     */
    public int drain() {
        int attempts = 0;
        while (!Thread.currentThread().isInterrupted()) {
            List<Attempt> started = round();
            if (started.isEmpty()) {
                return attempts;
            }
            for (Attempt attempt : started) {
                awaitSettled(attempt);
                if (attempt.counted()) {
                    attempts++;
                }
            }
        }
        return attempts;
    }

    private void awaitSettled(Attempt attempt) {
        while (true) {
            try {
                attempt.settled.get(settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException slow) {
                heartbeatLogged();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException never) {
                return;
            }
        }
    }

    private void roundLogged() {
        nudged.set(false);
        try {
            if (!round().isEmpty()) {
                // a round takes at most a batch: look again at once
                nudge();
            }
            pacing.nextRelease(clock.instant()).ifPresent(this::wakeAt);
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next poll tries again
            LOG.warn("Outbox delivery round failed: {}", e.toString());
        }
    }

    /** Claims what the lanes have room for and starts a send for each; one round at a time on this node. */
    private List<Attempt> round() {
        synchronized (roundLock) {
            return claimAndStart();
        }
    }

    private List<Attempt> claimAndStart() {
        List<String> types = connectors.types();
        int budget = Math.min(settings.batchSize(), settings.workers() - running());
        if (types.isEmpty() || budget < 1) {
            return List.of();
        }
        Instant now = clock.instant();
        Map<String, SendRate> rates = new HashMap<>();
        List<Claim> claimed = claims.claim(types, pacing.saturated(now), pacing.spacedChats(now), budget,
                (connection, channel) -> pacing.free(connection, rates.computeIfAbsent(channel, this::rateOf), now),
                now);
        List<Attempt> started = new ArrayList<>(claimed.size());
        for (Claim claim : claimed) {
            SendRate rate = rates.computeIfAbsent(claim.connection().type(), this::rateOf);
            Attempt attempt = new Attempt(claim, rate, now);
            pacing.start(claim.connectionId(), rate, now);
            inFlight.put(claim.message(), attempt);
            try {
                senders.execute(() -> run(attempt));
                started.add(attempt);
            } catch (RejectedExecutionException stopping) {
                pacing.ended(claim.connectionId());
                inFlight.remove(claim.message(), attempt);
                attempt.end();
                attempt.settled.complete(null);
                claims.release(claim);
            }
        }
        return started;
    }

    private int running() {
        return (int) inFlight.values().stream().filter(Attempt::running).count();
    }

    private SendRate rateOf(String type) {
        return connectors.capabilities(type).map(ChannelCapabilities::rate).orElse(CAUTIOUS);
    }

    private void heartbeatLogged() {
        try {
            heartbeat();
        } catch (RuntimeException e) {
            // the leases are far longer than the heartbeat: the next one renews them
            LOG.warn("Outbox heartbeat failed: {}", e.toString());
        }
    }

    /**
     * Renews the claims of this node's sends in flight, and abandons those that outlived the send timeout as a retry
     * whose outcome is unknown.
     */
    void heartbeat() {
        Instant now = clock.instant();
        List<Claim> alive = new ArrayList<>();
        for (Attempt attempt : inFlight.values()) {
            if (!attempt.running()) {
                continue;
            }
            if (now.isBefore(attempt.claimedAt.plus(settings.sendTimeout()))) {
                alive.add(attempt.claim);
            } else if (attempt.abandon()) {
                abandon(attempt, now);
            }
        }
        int held = claims.renew(alive, now);
        if (held < alive.size()) {
            LOG.warn("{} of {} outbox sends in flight lost their claims (this node was away longer than the lease);"
                    + " their messages may be sent again by another node", alive.size() - held, alive.size());
        }
    }

    private void abandon(Attempt attempt, Instant now) {
        Claim claim = attempt.claim;
        inFlight.remove(claim.message(), attempt);
        boolean dedupes = connectors.capabilities(claim.connection().type())
                .map(ChannelCapabilities::deduplicatesSends).orElse(false);
        LOG.warn("No answer from channel {} for outbox message {} within {}; tried again later{}",
                claim.connection().type(), claim.message(), settings.sendTimeout(),
                dedupes ? "" : " (the client may get it twice: the channel cannot drop a repeated send)");
        attempt.interrupt();
        attempt.count();
        try {
            outcomes.retry(claim, attempt.number, new DeliveryResult.Retry("no answer within "
                    + settings.sendTimeout().toSeconds() + " s; the outcome is unknown"), now).ifPresent(this::wakeAt);
        } catch (RuntimeException e) {
            // the database may be away: the lease, no longer renewed, runs out and the message is tried again
            LOG.warn("Abandoning outbox message {} could not be recorded: {}", claim.message(), e.toString());
        } finally {
            attempt.settled.complete(null);
        }
    }

    /** One attempt on a worker thread; its slot in the lane is free again when the connector returned. */
    private void run(Attempt attempt) {
        try {
            deliver(attempt);
        } catch (RuntimeException e) {
            // the database may be away: the claim's lease runs out and the message is tried again
            LOG.warn("Outbox attempt on message {} failed: {}", attempt.claim.message(), e.toString());
        } finally {
            pacing.ended(attempt.claim.connectionId());
            inFlight.remove(attempt.claim.message(), attempt);
            attempt.settled.complete(null);
            nudge();
        }
    }

    private void deliver(Attempt attempt) {
        Claim claim = attempt.claim;
        Optional<LiveConnection> live = connections.live(claim.connection().id());
        if (live.isEmpty()) {
            fail(attempt, "the channel connection was deleted");
            return;
        }
        Optional<ChannelConnector> connector = connectors.connector(claim.connection().type());
        if (connector.isEmpty() || !live.get().enabled()) {
            // the claim saw the type served and the connection enabled; this node's view is a moment behind or ahead
            pacing.idle(claim.connectionId(), attempt.rate, clock.instant().plus(settings.pollInterval()));
            if (attempt.end()) {
                claims.release(claim);
            }
            return;
        }
        Optional<OutboundMessage> message = parts.of(claim.message(), live.get().context(), attempt.number);
        if (message.isEmpty()) {
            fail(attempt, "a file of the message is gone from the store");
            return;
        }
        if (!attempt.running()) {
            // abandoned while it was being prepared, and already recorded as a retry
            return;
        }
        if (!claims.renew(claim, clock.instant())) {
            LOG.warn("Claim on outbox message {} was lost before its send; another worker has it", claim.message());
            attempt.end();
            return;
        }
        DeliveryResult result = call(connector.get(), message.get(), attempt);
        Instant now = clock.instant();
        attempt.count();
        if (!(result instanceof DeliveryResult.ConnectionFailing)) {
            pacing.sentTo(claim.chat(), attempt.rate.perRecipient(), now);
        }
        if (!attempt.end()) {
            // abandoned meanwhile and recorded as a retry; a late success still saves the client a repeat
            if (result instanceof DeliveryResult.Sent sent) {
                outcomes.sent(claim, attempt.number, sent, attempt.rate.perRecipient(), true, now);
            }
            return;
        }
        record(attempt, result, now);
    }

    private static DeliveryResult call(ChannelConnector connector, OutboundMessage message, Attempt attempt) {
        attempt.enterConnector();
        try {
            DeliveryResult result = connector.send(message);
            return result == null ? new DeliveryResult.Retry("the connector gave no result") : result;
        } catch (RuntimeException e) {
            // the SPI says connectors report platform errors as results; a throw is a bug there, not a refusal
            LOG.warn("Connector of type {} threw while sending message {}", connector.type(),
                    attempt.claim.message(), e);
            return new DeliveryResult.Retry("the connector failed: " + e.getClass().getSimpleName());
        } finally {
            attempt.leaveConnector();
        }
    }

    private void record(Attempt attempt, DeliveryResult result, Instant now) {
        Claim claim = attempt.claim;
        if (result instanceof DeliveryResult.Sent sent) {
            connections.working(claim.connection().id());
            outcomes.sent(claim, attempt.number, sent, attempt.rate.perRecipient(), false, now);
        } else if (result instanceof DeliveryResult.Refused refused) {
            outcomes.refused(claim, attempt.number, refused, now);
        } else if (result instanceof DeliveryResult.Retry retry) {
            outcomes.retry(claim, attempt.number, retry, now).ifPresent(this::wakeAt);
        } else if (result instanceof DeliveryResult.ConnectionFailing failing) {
            connections.failing(claim.connection().id(), failing.reason());
            wakeAt(outcomes.failing(claim, failing.reason(), now));
        } else {
            throw new IllegalStateException("unknown delivery result " + result);
        }
    }

    /** Fails the message without calling the connector (its connection or a file is gone). */
    private void fail(Attempt attempt, String reason) {
        if (attempt.end()) {
            attempt.count();
            outcomes.refused(attempt.claim, attempt.number, new DeliveryResult.Refused(reason), clock.instant());
        }
    }

    /** Runs a round at {@code at} (a lane's pace or pause ends, a retry is due) when that is before the next poll. */
    private void wakeAt(Instant at) {
        ScheduledExecutorService s = scheduler;
        if (s == null) {
            return;
        }
        long delay = Math.max(10, Duration.between(clock.instant(), at).toMillis());
        if (delay >= settings.pollInterval().toMillis()) {
            return;
        }
        synchronized (wakeLock) {
            if (wake != null && !wake.isDone() && !wakeAt.isAfter(at)) {
                return;
            }
            if (wake != null) {
                wake.cancel(false);
            }
            try {
                wake = s.schedule(this::roundLogged, delay, TimeUnit.MILLISECONDS);
                wakeAt = at;
            } catch (RejectedExecutionException stopping) {
                wake = null;
            }
        }
    }

    private static ThreadFactory threads(String name, boolean numbered) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, numbered ? name + "-" + count.incrementAndGet() : name);
            t.setDaemon(true);
            return t;
        };
    }
}
