package dev.switchboard.chat.internal.outbox;

import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ChannelConnector;
import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.OutboundMessage;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.channel.Refusal;
import dev.switchboard.api.files.FileLinks;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.chat.internal.connection.ConnectorRegistry;
import dev.switchboard.chat.internal.connection.Connections;
import dev.switchboard.chat.internal.connection.LiveConnection;
import dev.switchboard.chat.internal.engine.ChatEventPublisher;
import dev.switchboard.chat.internal.engine.Reachability;
import java.util.Optional;
import dev.switchboard.chat.internal.engine.Outbox;
import dev.switchboard.chat.internal.store.ChatUnit;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbound messages from the durable outbox through the channel bundles' {@link ChannelConnector}s
 * (architecture §1, §4, §7; MSG-2). Due rows are claimed with {@code FOR UPDATE SKIP LOCKED} and reserved with a
 * lease (claimed_until, claim_token), because the channel call runs outside any transaction; several nodes can run
 * this at once without sending a message twice. A result is recorded only while this node's claim holds.
 * <ul>
 *   <li>Sent: SENT with the platform's id. Refused: FAILED at once. Retry: again after an exponential backoff,
 *       FAILED with the reason once the attempts run out.</li>
 *   <li>A channel type with no connector registered (its bundle stopped) is not claimed at all: its rows wait,
 *       no attempt counted, and drain as soon as a connector of that type appears.</li>
 * </ul>
 */
@Component(service = Outbox.class, configurationPid = "dev.switchboard.chat",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ChatConfig.class)
public final class OutboxDispatcher implements Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final PersistenceUnit unit;
    private final ChatEventPublisher events;
    private final OutboxSettings settings;
    private final ConnectorRegistry connectors;
    private final Connections connections;
    private final OutboundParts parts;
    private final Clock clock;
    private final AtomicBoolean nudged = new AtomicBoolean();
    private final java.util.function.Consumer<ChannelConnector> arrival = connector -> nudge();
    private volatile ScheduledExecutorService executor;

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
        this.unit = unit;
        this.events = new ChatEventPublisher(eventAdmin);
        this.connectors = connectors;
        this.connections = connections;
        this.parts = parts;
        this.settings = settings;
        this.clock = clock;
    }

    /** Scans the outbox every poll interval on a thread of its own. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "switchboard-outbox");
            t.setDaemon(true);
            return t;
        });
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        e.scheduleWithFixedDelay(this::drainLogged, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        executor = e;
    }

    /**
     * Stops scanning and waits for a delivery in flight; a send that does not return in time is interrupted and
     * its row is tried again after the lease (delivery is at least once).
     */
    @Deactivate
    public synchronized void stop() {
        connectors.removeListener(arrival);
        ScheduledExecutorService e = executor;
        executor = null;
        if (e == null) {
            return;
        }
        e.shutdown();
        try {
            if (!e.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Outbox delivery did not finish within 10 s; interrupting it");
                e.shutdownNow();
                e.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            e.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Looks for work now (after a send commits, or a connector appeared) instead of at the next poll. */
    @Override
    public void nudge() {
        ScheduledExecutorService e = executor;
        if (e != null && nudged.compareAndSet(false, true)) {
            try {
                e.execute(this::drainLogged);
            } catch (RejectedExecutionException stopping) {
                nudged.set(false);
            }
        }
    }

    private void drainLogged() {
        nudged.set(false);
        try {
            drain();
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next poll tries again
            LOG.warn("Outbox delivery round failed: {}", e.toString());
        }
    }

    /** Delivers every due message of a channel that has a connector; returns how many attempts were made. */
    public int drain() {
        int attempts = 0;
        while (!Thread.currentThread().isInterrupted()) {
            List<String> types = connectors.types();
            if (types.isEmpty()) {
                return attempts;
            }
            List<Claim> batch = claim(types);
            if (batch.isEmpty()) {
                return attempts;
            }
            for (Claim claim : batch) {
                if (deliver(claim)) {
                    attempts++;
                }
            }
        }
        return attempts;
    }

    /** One claimed outbox row with what the connector needs. */
    private record Claim(long message, long chat, long project, int attempts, String token,
                         ChannelConnection connection, String externalUserId, String text) {
    }

    private List<Claim> claim(List<String> types) {
        return unit.inTransaction((em, tx) -> {
            Instant now = clock.instant();
            String in = types.stream().map(t -> "?").collect(Collectors.joining(", ", "(", ")"));
            Query due = em.createNativeQuery("select message_id from outbox where channel in " + in
                    + " and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)"
                    + " order by next_attempt_at, message_id limit " + settings.batchSize()
                    + " for update skip locked");
            int p = 1;
            for (String t : types) {
                due.setParameter(p++, t);
            }
            due.setParameter(p++, StoreTimes.utc(now)).setParameter(p, StoreTimes.utc(now));
            List<?> ids = due.getResultList();
            if (ids.isEmpty()) {
                return List.of();
            }
            String idList = ids.stream().map(i -> Long.toString(((Number) i).longValue()))
                    .collect(Collectors.joining(", ", "(", ")"));
            String token = UUID.randomUUID().toString();
            em.createNativeQuery("update outbox set claimed_until = ?1, claim_token = ?2 where message_id in " + idList)
                    .setParameter(1, StoreTimes.utc(now.plus(settings.lease()))).setParameter(2, token).executeUpdate();
            List<?> rows = em.createNativeQuery("select o.message_id, m.chat_id, o.project_id, o.attempts,"
                    + " cc.id, cc.type, cc.name, c.external_user_id, m.text from outbox o"
                    + " join message m on m.id = o.message_id join chat c on c.id = m.chat_id"
                    + " join channel_connection cc on cc.id = o.connection_id"
                    + " where o.message_id in " + idList + " order by o.next_attempt_at, o.message_id")
                    .getResultList();
            List<Claim> claims = new ArrayList<>();
            for (Object row : rows) {
                Object[] r = (Object[]) row;
                long project = ((Number) r[2]).longValue();
                claims.add(new Claim(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), project,
                        ((Number) r[3]).intValue(), token,
                        new ChannelConnection(new ConnectionId(((Number) r[4]).longValue()), new ProjectId(project),
                                (String) r[5], (String) r[6]), (String) r[7], (String) r[8]));
            }
            return claims;
        });
    }

    /** Calls the connector outside any transaction and records the outcome; false if nothing was attempted. */
    private boolean deliver(Claim claim) {
        Optional<LiveConnection> live = connections.live(claim.connection().id());
        if (live.isEmpty()) {
            record(claim, claim.attempts() + 1, new DeliveryResult.Refused("the channel connection was deleted"));
            return true;
        }
        Optional<ChannelConnector> connector = connectors.connector(claim.connection().type());
        if (connector.isEmpty() || !live.get().enabled()) {
            release(claim);
            return false;
        }
        int attempt = claim.attempts() + 1;
        Optional<OutboundMessage> message = parts.of(claim.message(), live.get().context(), attempt);
        if (message.isEmpty()) {
            record(claim, attempt, new DeliveryResult.Refused("a file of the message is gone from the store"));
            return true;
        }
        DeliveryResult result;
        try {
            result = connector.get().send(message.get());
            if (result == null) {
                result = new DeliveryResult.Retry("the connector gave no result");
            }
        } catch (RuntimeException e) {
            // the SPI says connectors report platform errors as results; a throw is a bug there, not a refusal
            LOG.warn("Connector of type {} threw while sending message {}", claim.connection().type(),
                    claim.message(), e);
            result = new DeliveryResult.Retry("the connector failed: " + e.getClass().getSimpleName());
        }
        if (result instanceof DeliveryResult.ConnectionFailing failing) {
            connections.failing(claim.connection().id(), failing.reason());
            release(claim);
            return true;
        }
        if (result instanceof DeliveryResult.Sent) {
            connections.working(claim.connection().id());
        }
        record(claim, attempt, result);
        return true;
    }

    private void release(Claim claim) {
        unit.inTransaction((em, tx) -> em.createNativeQuery("update outbox set claimed_until = null,"
                        + " claim_token = null where message_id = ?1 and claim_token = ?2")
                .setParameter(1, claim.message()).setParameter(2, claim.token()).executeUpdate());
    }

    private void record(Claim claim, int attempt, DeliveryResult result) {
        unit.inTransaction((em, tx) -> {
            boolean changed;
            if (result instanceof DeliveryResult.Sent sent) {
                changed = finish(em, claim, "delivery = 'SENT', failure = null, external_id = ?1",
                        sent.externalIds().isEmpty() ? "" : limit(sent.externalIds().get(0), 200));
                if (changed) {
                    for (String id : new java.util.LinkedHashSet<>(sent.externalIds())) {
                        em.createNativeQuery("insert into message_sent_id (connection_id, external_id, message_id)"
                                        + " values (?1, ?2, ?3)").setParameter(1, claim.connection().id().value())
                                .setParameter(2, limit(id, 200)).setParameter(3, claim.message()).executeUpdate();
                    }
                }
            } else if (result instanceof DeliveryResult.Refused refused) {
                changed = finish(em, claim, "delivery = 'FAILED', failure = ?1", limit(refused.reason()));
                if (changed && refused.refusal() == Refusal.CLIENT_BLOCKED) {
                    Reachability.mark(em, tx, events, claim.chat(), Optional.of(refused.reason()), clock.instant());
                }
            } else {
                DeliveryResult.Retry retry = (DeliveryResult.Retry) result;
                String reason = retry.reason();
                if (attempt >= settings.maxAttempts()) {
                    changed = finish(em, claim, "delivery = 'FAILED', failure = ?1",
                            limit("gave up after " + attempt + " attempts: " + reason));
                } else {
                    Instant next = clock.instant().plus(settings.delayAfter(attempt));
                    Instant notBefore = retry.after().map(a -> clock.instant().plus(a)).orElse(next);
                    int held = em.createNativeQuery("update outbox set attempts = ?1, next_attempt_at = ?2,"
                                    + " claimed_until = null, claim_token = null, last_error = ?3"
                                    + " where message_id = ?4 and claim_token = ?5")
                            .setParameter(1, attempt)
                            .setParameter(2, StoreTimes.utc(notBefore.isAfter(next) ? notBefore : next))
                            .setParameter(3, limit(reason)).setParameter(4, claim.message())
                            .setParameter(5, claim.token()).executeUpdate();
                    if (held == 0) {
                        LOG.warn("Lease on outbox message {} ran out before its retry was recorded", claim.message());
                    }
                    changed = false;
                }
            }
            if (changed) {
                tx.afterCommit(() -> events.deliveryChanged(claim.project(), claim.chat(), claim.message()));
            }
            return null;
        });
    }

    /** Ends the row's delivery if this node's claim still holds; {@code set} binds {@code value} as ?1. */
    private boolean finish(EntityManager em, Claim claim, String set, String value) {
        int held = em.createNativeQuery("delete from outbox where message_id = ?1 and claim_token = ?2")
                .setParameter(1, claim.message()).setParameter(2, claim.token()).executeUpdate();
        if (held == 0) {
            LOG.warn("Lease on outbox message {} ran out before its delivery was recorded", claim.message());
            return false;
        }
        em.createNativeQuery("update message set " + set + " where id = ?2")
                .setParameter(1, value).setParameter(2, claim.message()).executeUpdate();
        return true;
    }

    private static String limit(String text) {
        return limit(text, 1000);
    }

    private static String limit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
