package dev.switchboard.chat.internal.fetch;

import dev.switchboard.api.card.ContactDirectory;
import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ChannelConnector;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.FetchedFile;
import dev.switchboard.api.channel.RemoteFile;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.DomainException;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreFailures;
import dev.switchboard.api.store.StoreException;
import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.chat.internal.connection.ConnectorRegistry;
import dev.switchboard.chat.internal.connection.Connections;
import dev.switchboard.chat.internal.connection.LiveConnection;
import dev.switchboard.chat.internal.engine.ChatEventPublisher;
import dev.switchboard.chat.internal.store.ChatUnit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches what clients send from the platforms into the blob store, after their messages are committed (MSG-1,
 * CARD-2, architecture §4): a message's files, and a client's photo (never shown from the platform's URL, which may
 * carry a bot token). A durable job in the database: rows are claimed with {@code FOR UPDATE SKIP LOCKED} and a
 * lease, so several nodes share the work and a node that dies mid-download leaves the row to another after the
 * lease. A failed download is tried again with a growing delay and shown as pending meanwhile; after
 * {@link #ATTEMPTS} it is shown failed. A file the store refuses (an executable, over the channel's limit) is shown
 * refused with the reason. While a channel's connector is not installed, its files wait.
 */
@Component(service = Fetches.class)
public final class Fetches {

    private static final Logger LOG = LoggerFactory.getLogger(Fetches.class);
    static final int ATTEMPTS = 10;
    static final Duration LEASE = Duration.ofMinutes(10);
    static final Duration FIRST_DELAY = Duration.ofSeconds(5);
    static final Duration MAX_DELAY = Duration.ofHours(1);
    static final long PHOTO_BYTES = 10 * FileLimits.MB;
    /** The key of the one profile question asked for a new client whose first message had no photo. */
    static final String ASK_PROFILE = "profile";

    private final PersistenceUnit unit;
    private final Connections connections;
    private final ConnectorRegistry connectors;
    private final FileStore files;
    private final ContactDirectory contacts;
    private final ChatEventPublisher events;
    private final Clock clock;
    private final AtomicBoolean nudged = new AtomicBoolean();
    /** Photos this node queued or found queued, by contact and key; the database's unique key decides anyway. */
    private final java.util.Set<String> queued = java.util.concurrent.ConcurrentHashMap.newKeySet();
    static final int QUEUED_KEPT = 50_000;
    /** Files of a channel whose connector just arrived are due at once. */
    private final java.util.function.Consumer<ChannelConnector> arrival = connector -> nudge();
    private volatile ScheduledExecutorService scanner;
    private volatile ExecutorService workers;

    @Activate
    public Fetches(@Reference ChatUnit unit, @Reference Connections connections,
                   @Reference ConnectorRegistry connectors, @Reference FileStore files,
                   @Reference ContactDirectory contacts, @Reference EventAdmin eventAdmin) {
        this(unit.unit(), connections, connectors, files, contacts, eventAdmin, Clock.systemUTC());
        start(Duration.ofSeconds(2));
        connectors.onArrival(arrival);
    }

    /* Outside OSGi (tests, benchmarks): a factory, so the component keeps one public constructor per arity. */
    public static Fetches on(PersistenceUnit unit, Connections connections, ConnectorRegistry connectors,
                             FileStore files, ContactDirectory contacts, EventAdmin eventAdmin, Clock clock) {
        return new Fetches(unit, connections, connectors, files, contacts, eventAdmin, clock);
    }

    private Fetches(PersistenceUnit unit, Connections connections, ConnectorRegistry connectors, FileStore files,
                    ContactDirectory contacts, EventAdmin eventAdmin, Clock clock) {
        this.unit = unit;
        this.connections = connections;
        this.connectors = connectors;
        this.files = files;
        this.contacts = contacts;
        this.events = new ChatEventPublisher(eventAdmin);
        this.clock = clock;
    }

    /** Scans for due work every {@code poll} on threads of its own, until {@link #stop()}. */
    public synchronized void start(Duration poll) {
        if (scanner != null) {
            return;
        }
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, daemon("switchboard-fetch-scan"));
        s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        // a few downloads at once, so that one slow platform does not hold up the files of the others
        workers = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon("switchboard-fetch"));
        s.scheduleWithFixedDelay(this::scanLogged, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
        scanner = s;
    }

    @Deactivate
    public synchronized void stop() {
        connectors.removeListener(arrival);
        for (ExecutorService e : new ExecutorService[] {scanner, workers}) {
            if (e != null) {
                e.shutdownNow();
            }
        }
        try {
            if (workers != null && !workers.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Downloads did not stop within 10 s; their rows are tried again after the lease");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scanner = null;
        workers = null;
    }

    /** Looks for work now (a message with files was just stored) instead of at the next scan. */
    public void nudge() {
        ScheduledExecutorService s = scanner;
        if (s != null && nudged.compareAndSet(false, true)) {
            try {
                s.execute(this::scanLogged);
            } catch (RejectedExecutionException stopping) {
                nudged.set(false);
            }
        }
    }

    /**
     * Asks for a client's photo to be fetched (CARD-2): {@code photo} when the platform named one, or the
     * connector's profile of a new client whose message came without one. Each distinct photo is fetched once.
     */
    public void profile(ChannelConnection connection, ContactId contact, String externalUserId,
                        Optional<RemoteFile> photo, boolean newClient) {
        if (photo.isEmpty() && !newClient) {
            return;
        }
        String key = photo.map(Fetches::keyOf).orElse(ASK_PROFILE);
        String memo = contact.value() + "|" + key;
        if (queued.contains(memo)) {
            // platforms that name the photo with every message (Viber) cost no transaction per message
            return;
        }
        if (queue(connection.project().value(), connection.id().value(), contact, externalUserId, photo, key,
                "PENDING")) {
            nudge();
        }
        if (queued.size() >= QUEUED_KEPT) {
            queued.clear();
        }
        queued.add(memo);
    }

    /** The key a photo is fetched once by: the platform's stable identity of it, else its reference. */
    private static String keyOf(RemoteFile photo) {
        return cut(photo.key().map(k -> "key:" + k).orElse("ref:" + sha256(photo.ref())), 300);
    }

    /**
     * Adds a photo row in {@code state} unless the contact has one of that key.
     *
     * @return whether it was added
     */
    private boolean queue(long project, long connection, ContactId contact, String externalUserId,
                          Optional<RemoteFile> photo, String key, String state) {
        try {
            return unit.inTransaction((em, tx) -> {
                if (!em.createNativeQuery("select id from profile_fetch where contact_id = ?1 and remote_key = ?2")
                        .setParameter(1, contact.value()).setParameter(2, key).getResultList().isEmpty()) {
                    return false;
                }
                long id = ((Number) em.createNativeQuery("select nextval('profile_fetch_seq')").getSingleResult())
                        .longValue();
                em.createNativeQuery("insert into profile_fetch (id, project_id, connection_id, contact_id,"
                                + " external_user_id, remote_ref, remote_key, state, attempts, next_attempt_at)"
                                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9)")
                        .setParameter(1, id).setParameter(2, project).setParameter(3, connection)
                        .setParameter(4, contact.value()).setParameter(5, externalUserId)
                        .setParameter(6, photo.map(RemoteFile::ref).orElse(null)).setParameter(7, key)
                        .setParameter(8, state).setParameter(9, StoreTimes.utc(clock.instant()))
                        .executeUpdate();
                return true;
            });
        } catch (StoreException e) {
            if (!StoreFailures.uniqueViolation(e)) {
                // a photo is worth less than the message it came with: log, never fail the message
                LOG.warn("Could not queue the photo of contact {}: {}", contact, e.toString());
            }
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------- the job

    private void scanLogged() {
        nudged.set(false);
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.warn("Fetch round failed: {}", e.toString());
        }
    }

    /** Claims due rows of both kinds and hands them to the workers; returns how many it claimed. */
    public int scan() {
        List<String> types = connectors.types();
        if (types.isEmpty()) {
            return 0;
        }
        List<Job> claimed = new java.util.ArrayList<>();
        claimed.addAll(claim("message_attachment", types));
        claimed.addAll(claim("profile_fetch", types));
        ExecutorService w = workers;
        for (Job job : claimed) {
            if (w == null) {
                run(job);
            } else {
                try {
                    w.execute(() -> run(job));
                } catch (RejectedExecutionException stopping) {
                    return claimed.size();
                }
            }
        }
        return claimed.size();
    }

    /** One claimed row of {@code table}. */
    private record Job(String table, long id, String token) {
    }

    private List<Job> claim(String table, List<String> types) {
        String connectionOf = table.equals("profile_fetch") ? "t.connection_id"
                : "(select m.connection_id from message m where m.id = t.message_id)";
        String in = types.stream().map(t -> "'" + t.replace("'", "") + "'")
                .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
        return unit.inTransaction((em, tx) -> {
            Instant now = clock.instant();
            List<?> ids = em.createNativeQuery("select t.id from " + table + " t where t.state = 'PENDING'"
                            + " and t.next_attempt_at <= ?1 and (t.claimed_until is null or t.claimed_until < ?1)"
                            + " and exists (select 1 from channel_connection cc where cc.id = " + connectionOf
                            + " and cc.type in " + in + ")"
                            + " order by t.next_attempt_at limit 20 for update skip locked")
                    .setParameter(1, StoreTimes.utc(now)).getResultList();
            if (ids.isEmpty()) {
                return List.<Job>of();
            }
            String token = UUID.randomUUID().toString();
            String list = ids.stream().map(i -> Long.toString(((Number) i).longValue()))
                    .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
            em.createNativeQuery("update " + table + " set claimed_until = ?1, claim_token = ?2 where id in " + list)
                    .setParameter(1, StoreTimes.utc(now.plus(LEASE))).setParameter(2, token).executeUpdate();
            return ids.stream().map(i -> new Job(table, ((Number) i).longValue(), token)).toList();
        });
    }

    private void run(Job job) {
        try {
            if (job.table().equals("message_attachment")) {
                attachment(job);
            } else {
                photo(job);
            }
        } catch (RuntimeException e) {
            LOG.warn("Fetching {} {} failed: {}", job.table(), job.id(), e.toString());
            retry(job, "failed: " + e.getClass().getSimpleName());
        }
    }

    /** A claimed file of a message, with where it came from. */
    private record FileRow(long message, long chat, long project, long connection, String ref, String name,
                           String contentType, long size, MediaKind kind, int attempts) {
    }

    private void attachment(Job job) {
        Optional<FileRow> found = unit.read((em, tx) -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select a.message_id, m.chat_id, a.project_id, m.connection_id,"
                            + " a.remote_ref, a.name, a.content_type, a.size, a.kind, a.attempts"
                            + " from message_attachment a join message m on m.id = a.message_id"
                            + " where a.id = ?1 and a.claim_token = ?2")
                    .setParameter(1, job.id()).setParameter(2, job.token()).getResultList();
            return rows.stream().findFirst().map(r -> new FileRow(((Number) r[0]).longValue(),
                    ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), ((Number) r[3]).longValue(),
                    (String) r[4], (String) r[5], (String) r[6], ((Number) r[7]).longValue(),
                    MediaKind.valueOf((String) r[8]), ((Number) r[9]).intValue()));
        });
        if (found.isEmpty()) {
            return;
        }
        FileRow row = found.get();
        Optional<LiveConnection> live = connections.live(new ConnectionId(row.connection()));
        if (live.isEmpty()) {
            end(job, row, "FAILED", "the channel connection was deleted", null);
            return;
        }
        Optional<ChannelConnector> connector = connectors.connector(live.get().type());
        if (connector.isEmpty() || !live.get().enabled()) {
            release(job, Duration.ofMinutes(1));
            return;
        }
        FileLimits limits = connectors.capabilities(live.get().type()).map(c -> c.inbound())
                .orElse(FileLimits.SPEC);
        RemoteFile remote = new RemoteFile(row.ref(), Optional.empty(), Optional.of(row.name()),
                Optional.of(row.contentType()).filter(t -> !t.isEmpty()),
                row.size() > 0 ? OptionalLong.of(row.size()) : OptionalLong.empty());
        StoredFile stored;
        try (FetchedFile fetched = connector.get().fetch(remote, live.get().context())) {
            stored = files.store(new ProjectId(row.project()), row.name(), fetched.content(), limits);
        } catch (InvalidInput refused) {
            end(job, row, "REFUSED", reason(refused), null);
            return;
        } catch (IllegalArgumentException never) {
            end(job, row, "FAILED", "the platform does not give this file: " + never.getMessage(), null);
            return;
        } catch (IOException | java.io.UncheckedIOException e) {
            // UncheckedIOException: the store read our stream and the platform broke it off mid-way
            LOG.info("File of message {} not fetched (attempt {}): {}", row.message(), row.attempts() + 1,
                    e.toString());
            retry(job, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return;
        }
        files.claim(stored.id());
        if (!end(job, row, "READY", null, stored)) {
            files.delete(stored.id());
        }
    }

    /**
     * Finishes a file row if this claim still holds; READY rows take the stored file's name, type and size.
     *
     * @return whether the row was this claim's to finish
     */
    private boolean end(Job job, FileRow row, String state, String problem, StoredFile stored) {
        boolean held = unit.inTransaction((em, tx) -> {
            // typed nulls: a bare null parameter is bound as text, which PostgreSQL will not cast
            int n = em.createNativeQuery("update message_attachment set state = ?1, problem = ?2,"
                            + " file_id = cast(?3 as bigint), name = coalesce(?4, name),"
                            + " content_type = coalesce(?5, content_type), size = coalesce(cast(?6 as bigint), size),"
                            + " kind = coalesce(?7, kind), claimed_until = null,"
                            + " claim_token = null, remote_ref = case when ?1 = 'READY' then null else remote_ref end"
                            + " where id = ?8 and claim_token = ?9")
                    .setParameter(1, state).setParameter(2, problem == null ? null : cut(problem, 1000))
                    .setParameter(3, stored == null ? null : stored.id().value())
                    .setParameter(4, stored == null ? null : cut(stored.name(), 255))
                    .setParameter(5, stored == null ? null : stored.contentType())
                    .setParameter(6, stored == null ? null : stored.size())
                    .setParameter(7, stored == null ? null : stored.kind().name())
                    .setParameter(8, job.id()).setParameter(9, job.token()).executeUpdate();
            if (n > 0) {
                tx.afterCommit(() -> events.messageChanged(row.project(), row.chat(), row.message()));
            }
            return n > 0;
        });
        if (!held) {
            LOG.warn("Lease on file {} of message {} ran out before it was recorded", job.id(), row.message());
        }
        return held;
    }

    /** A claimed photo to fetch. */
    private record PhotoRow(long project, long connection, long contact, String externalUserId, String ref,
                            int attempts) {
    }

    private void photo(Job job) {
        Optional<PhotoRow> found = unit.read((em, tx) -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select project_id, connection_id, contact_id,"
                            + " external_user_id, remote_ref, attempts from profile_fetch"
                            + " where id = ?1 and claim_token = ?2")
                    .setParameter(1, job.id()).setParameter(2, job.token()).getResultList();
            return rows.stream().findFirst().map(r -> new PhotoRow(((Number) r[0]).longValue(),
                    ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), (String) r[3], (String) r[4],
                    ((Number) r[5]).intValue()));
        });
        if (found.isEmpty()) {
            return;
        }
        PhotoRow row = found.get();
        Optional<LiveConnection> live = connections.live(new ConnectionId(row.connection()));
        if (live.isEmpty()) {
            finishPhoto(job, "FAILED", "the channel connection was deleted");
            return;
        }
        Optional<ChannelConnector> connector = connectors.connector(live.get().type());
        if (connector.isEmpty() || !live.get().enabled()) {
            release(job, Duration.ofMinutes(1));
            return;
        }
        ContactId contact = new ContactId(row.contact());
        try {
            Optional<RemoteFile> photo;
            if (row.ref() == null) {
                Optional<ClientProfile> profile = connector.get().profile(row.externalUserId(), live.get().context());
                // names, and the e-mail or phone a platform may know (CARD-6): the card takes what it lacks
                profile.filter(p -> p.firstName().isPresent() || p.lastName().isPresent() || p.email().isPresent()
                                || p.phone().isPresent())
                        .ifPresent(p -> contacts.identify(new ProjectId(row.project()),
                                new ConnectionId(row.connection()), row.externalUserId(), p));
                photo = profile.flatMap(ClientProfile::photo);
            } else {
                photo = Optional.of(RemoteFile.of(row.ref()));
            }
            if (photo.isPresent()) {
                StoredFile stored;
                try (FetchedFile fetched = connector.get().fetch(photo.get(), live.get().context())) {
                    stored = files.store(new ProjectId(row.project()), "photo", fetched.content(),
                            new FileLimits(Map.of(MediaKind.IMAGE, PHOTO_BYTES)));
                }
                files.claim(stored.id());
                try {
                    contacts.setPhoto(contact, stored.id());
                } catch (DomainException refused) {
                    // the card refused it (not a picture it shows) or is gone (merged away): keep no orphan
                    files.delete(stored.id());
                    throw refused;
                }
                if (row.ref() == null) {
                    // the photo the profile question brought, fetched now: a message naming it later fetches nothing
                    queue(row.project(), row.connection(), contact, row.externalUserId(), photo,
                            keyOf(photo.get()), "DONE");
                }
            }
            finishPhoto(job, "DONE", null);
        } catch (DomainException | IllegalArgumentException refused) {
            finishPhoto(job, "FAILED", refused.getMessage());
        } catch (IOException | java.io.UncheckedIOException e) {
            // UncheckedIOException: the store read our stream and the platform broke it off mid-way
            LOG.info("Photo of contact {} not fetched (attempt {}): {}", contact, row.attempts() + 1, e.toString());
            retry(job, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private void finishPhoto(Job job, String state, String problem) {
        unit.inTransaction((em, tx) -> em.createNativeQuery("update profile_fetch set state = ?1, problem = ?2,"
                        + " claimed_until = null, claim_token = null where id = ?3 and claim_token = ?4")
                .setParameter(1, state).setParameter(2, problem == null ? null : cut(problem, 1000))
                .setParameter(3, job.id()).setParameter(4, job.token()).executeUpdate());
    }

    /** Gives the row back without counting an attempt (no connector now), to look again after {@code after}. */
    private void release(Job job, Duration after) {
        unit.inTransaction((em, tx) -> em.createNativeQuery("update " + job.table() + " set claimed_until = null,"
                        + " claim_token = null, next_attempt_at = ?1 where id = ?2 and claim_token = ?3")
                .setParameter(1, StoreTimes.utc(clock.instant().plus(after))).setParameter(2, job.id())
                .setParameter(3, job.token()).executeUpdate());
    }

    /** Counts a failed attempt: again after a growing delay, or failed for good after {@link #ATTEMPTS}. */
    private void retry(Job job, String reason) {
        unit.inTransaction((em, tx) -> {
            List<?> rows = em.createNativeQuery("select attempts from " + job.table()
                    + " where id = ?1 and claim_token = ?2").setParameter(1, job.id())
                    .setParameter(2, job.token()).getResultList();
            if (rows.isEmpty()) {
                return null;
            }
            int attempts = ((Number) rows.get(0)).intValue() + 1;
            if (attempts >= ATTEMPTS) {
                em.createNativeQuery("update " + job.table() + " set state = 'FAILED', attempts = ?1, problem = ?2,"
                                + " claimed_until = null, claim_token = null where id = ?3")
                        .setParameter(1, attempts)
                        .setParameter(2, cut("could not be fetched after " + attempts + " attempts: " + reason, 1000))
                        .setParameter(3, job.id()).executeUpdate();
                if (job.table().equals("message_attachment")) {
                    @SuppressWarnings("unchecked")
                    List<Object[]> owner = em.createNativeQuery("select m.project_id, m.chat_id, m.id from message m"
                            + " join message_attachment a on a.message_id = m.id where a.id = ?1")
                            .setParameter(1, job.id()).getResultList();
                    owner.stream().findFirst().ifPresent(o -> tx.afterCommit(() -> events.messageChanged(
                            ((Number) o[0]).longValue(), ((Number) o[1]).longValue(), ((Number) o[2]).longValue())));
                }
            } else {
                em.createNativeQuery("update " + job.table() + " set attempts = ?1, next_attempt_at = ?2,"
                                + " claimed_until = null, claim_token = null, problem = ?3 where id = ?4")
                        .setParameter(1, attempts).setParameter(2, StoreTimes.utc(clock.instant().plus(delay(attempts))))
                        .setParameter(3, cut(reason, 1000)).setParameter(4, job.id()).executeUpdate();
            }
            return null;
        });
    }

    static Duration delay(int failedAttempts) {
        long ms = FIRST_DELAY.toMillis() << Math.min(failedAttempts - 1, 20);
        return ms <= 0 || ms > MAX_DELAY.toMillis() ? MAX_DELAY : Duration.ofMillis(ms);
    }

    private static String reason(InvalidInput refused) {
        return refused.arguments().size() > 1 ? refused.arguments().get(1) : refused.getMessage();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
