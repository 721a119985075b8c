package dev.switchboard.chat.internal.connection;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ChannelConnector;
import dev.switchboard.api.channel.ChannelType;
import dev.switchboard.api.channel.ConnectResult;
import dev.switchboard.api.channel.ConnectionContext;
import dev.switchboard.api.channel.ConnectionDetails;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.channel.ConnectionStatus;
import dev.switchboard.api.channel.LiveConnections;
import dev.switchboard.api.channel.SettingField;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotAllowed;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.Secrets;
import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.team.Account;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.chat.internal.engine.ChatEventPublisher;
import dev.switchboard.chat.internal.outbox.ChatConfig;
import dev.switchboard.chat.internal.store.ChatUnit;
import dev.switchboard.chat.internal.store.ConnectionEntity;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A project's channel connections (architecture §3, §4): created, changed, switched off and deleted by its owners
 * and admins, with their settings checked against the connector's fields and secrets sealed by {@link Secrets}. The
 * connector registers a connection at its platform after each change ({@link ChannelConnector#connect}), outside
 * any transaction, and the connection's status records how that went.
 * <p>
 * The ingress, the webhook endpoint and the outbox ask for a connection on every message, so what was read is kept
 * in a cache: every change made here forgets the connection at once; an entry older than {@link #FRESH} is read
 * again, and the ingress compares the version in its own transaction ({@link #forget} on a mismatch), so a
 * connection changed, disabled or deleted on another node is never served once that change has committed.
 * Channels that serve their own HTTP (the website widget) read the same cache through {@link LiveConnections}.
 * <p>
 * Bundles get {@link ConnectionService} and {@link LiveConnections} through
 * {@link dev.switchboard.chat.internal.scope.ScopedConnections}, which knows the calling bundle and gives a channel
 * bundle the connections of its own types only (issue 12); the core's own parts use this directory.
 */
@Component(service = {Connections.class, ConnectionDirectory.class}, configurationPid = ChatConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class ConnectionDirectory implements ConnectionService, Connections, LiveConnections {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionDirectory.class);
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    /** How long a connection read here is served without looking at the database again. */
    static final Duration FRESH = Duration.ofSeconds(10);
    /** How often the time of the last webhook is written, at most, per connection. */
    static final Duration WEBHOOK_TOUCH = Duration.ofMinutes(1);

    private final PersistenceUnit unit;
    private final MemberService members;
    private final Secrets secrets;
    private final ConnectorRegistry connectors;
    private final ChatEventPublisher events;
    private final URI publicUrl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Long> byKey = new ConcurrentHashMap<>();
    private final Map<Long, Instant> webhookTouched = new ConcurrentHashMap<>();
    private final Set<Long> failing = ConcurrentHashMap.newKeySet();

    /** A connection as read, with its key and when it was read. */
    private record Cached(LiveConnection live, String key, Instant readAt) {
    }

    @Activate
    public ConnectionDirectory(@Reference ChatUnit unit, @Reference MemberService members, @Reference Secrets secrets,
                               @Reference ConnectorRegistry connectors, @Reference EventAdmin eventAdmin,
                               ChatConfig config) {
        this(unit.unit(), members, secrets, connectors, eventAdmin, publicUrl(config.public_url()),
                Clock.systemUTC());
    }

    /* Outside OSGi (tests, benchmarks): a factory, so the component keeps one public constructor per arity. */
    public static ConnectionDirectory on(PersistenceUnit unit, MemberService members, Secrets secrets,
                                         ConnectorRegistry connectors, EventAdmin eventAdmin, URI publicUrl,
                                         Clock clock) {
        return new ConnectionDirectory(unit, members, secrets, connectors, eventAdmin, publicUrl, clock);
    }

    private ConnectionDirectory(PersistenceUnit unit, MemberService members, Secrets secrets,
                                ConnectorRegistry connectors, EventAdmin eventAdmin, URI publicUrl, Clock clock) {
        this.unit = unit;
        this.members = members;
        this.secrets = secrets;
        this.connectors = connectors;
        this.events = new ChatEventPublisher(eventAdmin);
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** The configured public address, checked: platforms need it absolute (and HTTPS, which is the operator's). */
    public static URI publicUrl(String configured) {
        String value = configured == null ? "" : configured.strip();
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        URI uri = URI.create(value);
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("public.url must be an absolute http(s) address: " + configured);
        }
        if (uri.getScheme().equals("http") && !uri.getHost().equals("localhost") && !uri.getHost().equals("127.0.0.1")) {
            LOG.warn("public.url {} is not HTTPS: messenger platforms only call HTTPS webhooks", uri);
        }
        return uri;
    }

    // ---------------------------------------------------------------------------------------------- the service

    @Override
    public List<ChannelType> types() {
        return connectors.all().stream().sorted(Comparator.comparing(ChannelConnector::type))
                .map(c -> new ChannelType(c.type(), c.names(), c.settings(), c.capabilities())).toList();
    }

    @Override
    public ConnectionDetails create(ProjectId project, MemberId actor, String type, String name,
                                    Map<String, String> settings) {
        Member m = supervisor(project, actor);
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new InvalidInput("type", "lower-case letters, digits and '-', at most 40");
        }
        String n = name(name);
        ChannelConnector connector = connectors.connector(type)
                .orElseThrow(() -> new InvalidInput("type", "no channel of type " + type + " is installed"));
        SettingValues.Split split = SettingValues.check(connector.settings(), settings, Map.of());
        validate(connector, split, m);
        String key = token(32);
        String webhookSecret = token(48);
        long id = unit.inTransaction((em, tx) -> {
            nameFree(em, project.value(), n, 0);
            ConnectionEntity c = new ConnectionEntity(project.value(), type, n, clock.instant(),
                    SettingValues.toJson(split.plain()), sealed(split.secrets()), key, secrets.seal(webhookSecret));
            em.persist(c);
            em.flush();
            return c.id();
        });
        LOG.info("Connection {} of type {} created in project {}", id, type, project);
        connect(id);
        return details(id);
    }

    @Override
    public ConnectionDetails update(ConnectionId id, MemberId actor, String name, Map<String, String> settings,
                                    long version) {
        ConnectionEntity before = existing(id);
        Member m = supervisor(new ProjectId(before.projectId()), actor);
        String n = name(name);
        ChannelConnector connector = connectors.connector(before.type())
                .orElseThrow(() -> new Conflict("error.channelNotInstalled",
                        "the connector of type " + before.type() + " is not installed", List.of(before.type())));
        Map<String, String> storedSecrets = openSecrets(before);
        SettingValues.Split split = SettingValues.check(connector.settings(), settings, storedSecrets);
        validate(connector, split, m);
        Optional<ConnectionContext> old = context(before);
        unit.inTransaction((em, tx) -> {
            ConnectionEntity c = em.find(ConnectionEntity.class, id.value());
            if (c == null || c.state() == ConnectionEntity.State.DELETED) {
                throw new NotFound("connection", id);
            }
            if (c.version() != version) {
                throw changed(id);
            }
            nameFree(em, c.projectId(), n, c.id());
            c.rename(n);
            c.configure(SettingValues.toJson(split.plain()), sealed(split.secrets()));
            em.flush();
            return null;
        });
        forget(id);
        if (before.state() == ConnectionEntity.State.ENABLED) {
            if (!split.secrets().equals(storedSecrets)) {
                // another token may be another bot: the old one must stop calling us
                old.ifPresent(o -> disconnect(connector, o));
            }
            connect(id.value());
        }
        return details(id.value());
    }

    @Override
    public ConnectionDetails setEnabled(ConnectionId id, MemberId actor, boolean enabled) {
        ConnectionEntity before = existing(id);
        supervisor(new ProjectId(before.projectId()), actor);
        ConnectionEntity.State target = enabled ? ConnectionEntity.State.ENABLED : ConnectionEntity.State.DISABLED;
        if (before.state() != target) {
            unit.inTransaction((em, tx) -> {
                ConnectionEntity c = em.find(ConnectionEntity.class, id.value());
                c.state(target, clock.instant());
                em.flush();
                return null;
            });
            forget(id);
            LOG.info("Connection {} {}", id, enabled ? "enabled" : "disabled");
            if (enabled) {
                connect(id.value());
            } else {
                context(before).ifPresent(ctx -> connectors.connector(before.type())
                        .ifPresent(connector -> disconnect(connector, ctx)));
            }
        }
        return details(id.value());
    }

    @Override
    public ConnectionDetails reconnect(ConnectionId id, MemberId actor) {
        ConnectionEntity c = existing(id);
        supervisor(new ProjectId(c.projectId()), actor);
        if (c.state() != ConnectionEntity.State.ENABLED) {
            throw new Conflict("error.connectionDisabled", "enable the connection first", List.of());
        }
        forget(id);
        connect(id.value());
        return details(id.value());
    }

    @Override
    public void delete(ConnectionId id, MemberId actor) {
        ConnectionEntity before = existing(id);
        supervisor(new ProjectId(before.projectId()), actor);
        int failed = unit.inTransaction((em, tx) -> {
            ConnectionEntity c = em.find(ConnectionEntity.class, id.value());
            c.state(ConnectionEntity.State.DELETED, clock.instant());
            em.flush();
            // what still waits for this connection can never go out now: the team sees it failed, with the reason
            @SuppressWarnings("unchecked")
            List<Object[]> queued = em.createNativeQuery("select o.message_id, m.chat_id, o.project_id from outbox o"
                    + " join message m on m.id = o.message_id where o.connection_id = ?1")
                    .setParameter(1, id.value()).getResultList();
            em.createNativeQuery("update message set delivery = 'FAILED', failure = ?1 where id in"
                            + " (select message_id from outbox where connection_id = ?2)")
                    .setParameter(1, "the channel connection was deleted").setParameter(2, id.value())
                    .executeUpdate();
            em.createNativeQuery("delete from outbox where connection_id = ?1").setParameter(1, id.value())
                    .executeUpdate();
            em.createNativeQuery("delete from outbox_lane where connection_id = ?1").setParameter(1, id.value())
                    .executeUpdate();
            tx.afterCommit(() -> queued.forEach(r -> events.deliveryChanged(((Number) r[2]).longValue(),
                    ((Number) r[1]).longValue(), ((Number) r[0]).longValue())));
            return queued.size();
        });
        forget(id);
        LOG.info("Connection {} deleted ({} queued messages failed)", id, failed);
        if (before.state() == ConnectionEntity.State.ENABLED) {
            context(before).ifPresent(ctx -> connectors.connector(before.type())
                    .ifPresent(connector -> disconnect(connector, ctx)));
        }
    }

    @Override
    public List<ConnectionDetails> list(ProjectId project, MemberId viewer) {
        supervisor(project, viewer);
        return unit.read((em, tx) -> em.createQuery("select c from ConnectionEntity c where c.projectId = :p"
                        + " and c.state <> 'DELETED' order by c.name", ConnectionEntity.class)
                .setParameter("p", project.value()).getResultList().stream().map(this::details).toList());
    }

    @Override
    public ConnectionDetails details(ConnectionId id, MemberId viewer) {
        ConnectionEntity c = existing(id);
        supervisor(new ProjectId(c.projectId()), viewer);
        return details(c);
    }

    @Override
    public List<ChannelConnection> list(ProjectId project) {
        return unit.read((em, tx) -> em.createQuery("select c from ConnectionEntity c where c.projectId = :p"
                        + " and c.state <> 'DELETED' order by c.name", ConnectionEntity.class)
                .setParameter("p", project.value()).getResultList().stream().map(ConnectionEntity::toRecord).toList());
    }

    @Override
    public Optional<ChannelConnection> find(ConnectionId id) {
        return live(id).map(l -> l.context().connection());
    }

    // ---------------------------------------------------------------------------------------------- Connections

    @Override
    public Optional<LiveConnection> live(ConnectionId id) {
        Cached cached = cache.get(id.value());
        if (cached != null && cached.readAt().plus(FRESH).isAfter(clock.instant())) {
            return Optional.of(cached.live());
        }
        return read(id.value());
    }

    @Override
    public Optional<LiveConnection> byWebhookKey(String key) {
        if (key == null || key.length() < 20 || key.length() > 64) {
            return Optional.empty();
        }
        Long id = byKey.get(key);
        if (id != null) {
            Cached cached = cache.get(id);
            Optional<LiveConnection> live = live(new ConnectionId(id));
            cached = cache.get(id);
            if (live.isPresent() && cached != null && key.equals(cached.key())) {
                return live;
            }
            byKey.remove(key, id);
        }
        Optional<Long> found = unit.read((em, tx) -> em.createNativeQuery(
                        "select id from channel_connection where webhook_key = ?1 and state <> 'DELETED'")
                .setParameter(1, key).getResultList().stream().findFirst().map(r -> ((Number) r).longValue()));
        return found.flatMap(this::read);
    }

    @Override
    public void forget(ConnectionId id) {
        Cached gone = cache.remove(id.value());
        if (gone != null) {
            byKey.remove(gone.key(), id.value());
        }
    }

    @Override
    public void failing(ConnectionId id, String reason) {
        failing.add(id.value());
        status(id.value(), "FAILING", Optional.of(reason));
    }

    @Override
    public void working(ConnectionId id) {
        if (failing.remove(id.value())) {
            unit.inTransaction((em, tx) -> em.createNativeQuery("update channel_connection set status = 'CONNECTED'"
                    + " where id = ?1 and status = 'FAILING'").setParameter(1, id.value()).executeUpdate());
        }
    }

    @Override
    public void webhookReceived(ConnectionId id) {
        Instant now = clock.instant();
        Instant last = webhookTouched.get(id.value());
        if (last != null && last.plus(WEBHOOK_TOUCH).isAfter(now)) {
            return;
        }
        webhookTouched.put(id.value(), now);
        try {
            unit.inTransaction((em, tx) -> em.createNativeQuery(
                            "update channel_connection set last_webhook_at = ?1 where id = ?2")
                    .setParameter(1, StoreTimes.utc(now)).setParameter(2, id.value()).executeUpdate());
        } catch (RuntimeException e) {
            // a status line, never worth failing a webhook for
            LOG.debug("Could not record the webhook time of connection {}: {}", id, e.toString());
        }
    }

    // ---------------------------------------------------------------------------------------------- LiveConnections

    @Override
    public Optional<ConnectionContext> byKey(String type, String key) {
        if (type == null) {
            return Optional.empty();
        }
        return byWebhookKey(key).filter(l -> l.enabled() && l.type().equals(type)).map(LiveConnection::context);
    }

    @Override
    public Optional<ConnectionContext> byId(ConnectionId id) {
        return live(id).filter(LiveConnection::enabled).map(LiveConnection::context);
    }

    /** Seals again every connection secret sealed with an older key (after a key rotation); returns how many. */
    public int reseal() {
        List<Long> ids = unit.read((em, tx) -> em.createNativeQuery("select id from channel_connection")
                .getResultList().stream().map(r -> ((Number) r).longValue()).toList());
        int resealed = 0;
        for (long id : ids) {
            boolean changed = unit.inTransaction((em, tx) -> {
                ConnectionEntity c = em.find(ConnectionEntity.class, id);
                boolean stale = c.secrets().map(secrets::stale).orElse(false)
                        || c.webhookSecret().map(secrets::stale).orElse(false);
                if (stale) {
                    // native: a new seal of the same values is not a change the caches must re-read for
                    em.createNativeQuery("update channel_connection set secrets = ?1, webhook_secret = ?2 where id = ?3")
                            .setParameter(1, c.secrets().map(s -> secrets.seal(secrets.open(s))).orElse(null))
                            .setParameter(2, c.webhookSecret().map(s -> secrets.seal(secrets.open(s))).orElse(null))
                            .setParameter(3, id).executeUpdate();
                }
                return stale;
            });
            if (changed) {
                resealed++;
            }
        }
        return resealed;
    }

    // ---------------------------------------------------------------------------------------------- machinery

    private Optional<LiveConnection> read(long id) {
        Optional<ConnectionEntity> row = unit.read((em, tx) -> Optional.ofNullable(em.find(ConnectionEntity.class, id)));
        if (row.isEmpty() || row.get().state() == ConnectionEntity.State.DELETED) {
            forget(new ConnectionId(id));
            return Optional.empty();
        }
        ConnectionEntity c = row.get();
        if (c.webhookKey().isEmpty()) {
            // a connection from before webhooks were the core's: it gets its key and secret on first use
            c = unit.inTransaction((em, tx) -> {
                em.createNativeQuery("update channel_connection set webhook_key = ?1, webhook_secret = ?2"
                                + " where id = ?3 and webhook_key is null").setParameter(1, token(32))
                        .setParameter(2, secrets.seal(token(48))).setParameter(3, id).executeUpdate();
                return em.find(ConnectionEntity.class, id);
            });
        }
        if ("FAILING".equals(c.status())) {
            failing.add(id);
        }
        LiveConnection live = new LiveConnection(context(c).orElseThrow(), c.state() == ConnectionEntity.State.ENABLED
                ? LiveConnection.State.ENABLED : LiveConnection.State.DISABLED, c.version());
        String key = c.webhookKey().orElseThrow();
        cache.put(id, new Cached(live, key, clock.instant()));
        byKey.put(key, id);
        return Optional.of(live);
    }

    private Optional<ConnectionContext> context(ConnectionEntity c) {
        if (c.webhookKey().isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> all = new java.util.TreeMap<>(SettingValues.fromJson(c.settings()));
        all.putAll(openSecrets(c));
        return Optional.of(new ConnectionContext(c.toRecord(), all, webhookUrl(c.type(), c.webhookKey().get()),
                c.webhookSecret().map(secrets::open).orElse("")));
    }

    private URI webhookUrl(String type, String key) {
        return URI.create(publicUrl + "/hooks/" + type + "/" + key);
    }

    private Map<String, String> openSecrets(ConnectionEntity c) {
        return c.secrets().map(s -> SettingValues.fromJson(secrets.open(s))).orElse(Map.of());
    }

    private String sealed(Map<String, String> values) {
        return values.isEmpty() ? null : secrets.seal(SettingValues.toJson(values));
    }

    /** Asks the connector to register the connection at its platform and records how it went. */
    private void connect(long id) {
        Optional<LiveConnection> live = read(id);
        if (live.isEmpty() || !live.get().enabled()) {
            return;
        }
        Optional<ChannelConnector> connector = connectors.connector(live.get().type());
        if (connector.isEmpty()) {
            // stays PENDING: the connection is registered when an owner reconnects it with the connector installed
            return;
        }
        ConnectResult result;
        try {
            result = connector.get().connect(live.get().context());
        } catch (RuntimeException e) {
            LOG.warn("Connector {} failed to connect connection {}", live.get().type(), id, e);
            result = ConnectResult.failed("the channel failed: " + e.getClass().getSimpleName());
        }
        if (result instanceof ConnectResult.Failed f) {
            LOG.warn("Connection {} of type {} could not be connected: {}", id, live.get().type(), f.reason());
            failing.add(id);
            status(id, "FAILING", Optional.of(f.reason()));
        } else {
            failing.remove(id);
            status(id, "CONNECTED", Optional.empty());
        }
    }

    private void disconnect(ChannelConnector connector, ConnectionContext context) {
        try {
            connector.disconnect(context);
        } catch (Exception e) {
            LOG.warn("Connector {} could not remove connection {} at its platform: {}", connector.type(),
                    context.connection().id(), e.toString());
        }
    }

    private void status(long id, String status, Optional<String> error) {
        unit.inTransaction((em, tx) -> {
            if (error.isPresent()) {
                em.createNativeQuery("update channel_connection set status = ?1, last_error = ?2, last_error_at = ?3"
                                + " where id = ?4").setParameter(1, status).setParameter(2, limit(error.get()))
                        .setParameter(3, StoreTimes.utc(clock.instant())).setParameter(4, id).executeUpdate();
            } else {
                em.createNativeQuery("update channel_connection set status = ?1 where id = ?2")
                        .setParameter(1, status).setParameter(2, id).executeUpdate();
            }
            return null;
        });
    }

    private void validate(ChannelConnector connector, SettingValues.Split split, Member actor) {
        Locale locale = members.account(actor.account()).flatMap(Account::language).map(Locale::forLanguageTag)
                .orElse(Locale.ENGLISH);
        Map<String, String> problems;
        try {
            problems = connector.validate(split.all(), locale);
        } catch (RuntimeException e) {
            LOG.warn("Connector {} failed to check settings", connector.type(), e);
            throw new InvalidInput("settings", "the channel could not check the settings");
        }
        if (problems != null && !problems.isEmpty()) {
            Map.Entry<String, String> first = problems.entrySet().iterator().next();
            Set<String> known = connector.settings().stream().map(SettingField::key)
                    .collect(java.util.stream.Collectors.toSet());
            throw new InvalidInput(known.contains(first.getKey()) ? "settings." + first.getKey() : "settings",
                    first.getValue());
        }
    }

    private ConnectionDetails details(long id) {
        return details(existing(new ConnectionId(id)));
    }

    private ConnectionDetails details(ConnectionEntity c) {
        ConnectionStatus.State state = c.state() == ConnectionEntity.State.DISABLED ? ConnectionStatus.State.DISABLED
                : ConnectionStatus.State.valueOf(c.status());
        ConnectionStatus status = new ConnectionStatus(state, c.lastError(), c.lastErrorAt(), c.lastWebhookAt());
        Set<String> secretKeys = openSecrets(c).keySet();
        return new ConnectionDetails(c.toRecord(), status, SettingValues.fromJson(c.settings()), secretKeys,
                webhookUrl(c.type(), c.webhookKey().orElse("-")), c.version());
    }

    /** The connection, if it exists and is not deleted. */
    private ConnectionEntity existing(ConnectionId id) {
        return unit.read((em, tx) -> Optional.ofNullable(em.find(ConnectionEntity.class, id.value()))
                .filter(c -> c.state() != ConnectionEntity.State.DELETED)
                .orElseThrow(() -> new NotFound("connection", id)));
    }

    /**
     * The acting owner or admin of {@code project}. Someone of another project learns nothing (NotFound, as for a
     * connection that does not exist); a manager of the project is told they may not.
     */
    private Member supervisor(ProjectId project, MemberId actor) {
        Member m = members.find(actor).filter(x -> x.project().equals(project))
                .orElseThrow(() -> new NotFound("project", project));
        if (!m.role().maySupervise()) {
            throw new NotAllowed("manage channel connections: owners and admins only");
        }
        return m;
    }

    private static String name(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 120) {
            throw new InvalidInput("name", "1 to 120 characters");
        }
        return n;
    }

    private static void nameFree(EntityManager em, long project, String name, long except) {
        if (!em.createNativeQuery("select id from channel_connection where project_id = ?1 and name = ?2"
                        + " and state <> 'DELETED' and id <> ?3")
                .setParameter(1, project).setParameter(2, name).setParameter(3, except).getResultList().isEmpty()) {
            throw new Conflict("error.connectionExists", "a connection with this name exists: " + name, List.of(name));
        }
    }

    private static Conflict changed(ConnectionId id) {
        return new Conflict("error.connectionChanged", "connection " + id + " was changed meanwhile", List.of());
    }

    /** {@code bytes} random bytes as base64url without padding. */
    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String limit(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
