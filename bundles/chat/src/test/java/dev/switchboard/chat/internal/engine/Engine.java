package dev.switchboard.chat.internal.engine;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.Project;
import dev.switchboard.chat.internal.contact.ContactChatsImpl;
import dev.switchboard.chat.internal.connection.ConnectionDirectory;
import dev.switchboard.chat.internal.connection.ConnectorRegistry;
import dev.switchboard.chat.internal.fetch.Fetches;
import dev.switchboard.chat.internal.media.SignedFileLinks;
import dev.switchboard.chat.internal.outbox.OutboundParts;
import java.net.URI;
import dev.switchboard.chat.internal.ingress.IngressImpl;
import dev.switchboard.chat.internal.outbox.OutboxDispatcher;
import dev.switchboard.chat.internal.outbox.OutboxSettings;
import dev.switchboard.chat.internal.store.ChatUnit;
import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.team.internal.auth.Credentials;
import dev.switchboard.team.internal.auth.LoginThrottle;
import dev.switchboard.team.internal.auth.PasswordHasher;
import dev.switchboard.team.internal.service.GroupDirectory;
import dev.switchboard.team.internal.service.TeamDirectory;
import dev.switchboard.team.internal.store.TeamUnit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The chat engine wired by hand on a test database, with a project of four members and one connection. */
public final class Engine {

    public final TestDatabase db;
    public final PersistenceUnit unit;
    public final TeamDirectory team;
    public final GroupDirectory groups;
    public final RecordingEventAdmin events;
    public final ConnectionDirectory connections;
    public final ConnectorRegistry registry = new ConnectorRegistry();
    public final TestChannel channel = new TestChannel();
    public final PlainSecrets secrets = new PlainSecrets();
    public final InMemoryFiles files = new InMemoryFiles();
    public final Fetches fetches;
    public final SignedFileLinks links;
    public final Ingress ingress;
    public final OutboxDispatcher outbox;
    public final ChatServiceImpl chats;
    public final InMemoryContacts contacts = new InMemoryContacts();
    public final InMemorySources sources = new InMemorySources();
    public final ContactChatsImpl contactChats;
    public final AtomicInteger nudges = new AtomicInteger();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
    public final Project project;
    public final Member owner;
    public final Member admin;
    public final Member vitaly;
    public final Member dima;
    public final Member konstantin;
    public final ChannelConnection connection;
    private final AtomicInteger ids = new AtomicInteger();
    public static final URI PUBLIC_URL = URI.create("https://inbox.example");

    public Engine(TestDatabase db, String name) {
        this(db, name, new OutboxSettings(3, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(1),
                20, Duration.ofMinutes(2)));
    }

    public Engine(TestDatabase db, String name, OutboxSettings settings) {
        this.db = db;
        PersistenceUnit teamUnit = db.database().open(TeamUnit.spec());
        team = new TeamDirectory(teamUnit, new Credentials(new PasswordHasher(8192, 1),
                new LoginThrottle(Clock.systemUTC(), 5, Duration.ofMinutes(1), Duration.ofMinutes(1))),
                Clock.systemUTC());
        groups = new GroupDirectory(teamUnit, Clock.systemUTC());
        unit = db.database().open(ChatUnit.spec());
        events = new RecordingEventAdmin(chat -> String.valueOf(
                db.rows("select state, responsible_id, version from chat where id = " + chat)));
        registry.add(channel);
        // the types some tests connect beside the test channel, with its behaviour
        registry.add(new TestChannel("telegram"));
        registry.add(new TestChannel("widget"));
        connections = ConnectionDirectory.on(unit, team, secrets, registry, events, PUBLIC_URL, clock);
        fetches = Fetches.on(unit, connections, registry, files, contacts, events, clock);
        ingress = IngressImpl.on(unit, connections, registry, groups, events, contacts, sources, fetches, clock);
        links = SignedFileLinks.on(files, secrets.derive("links"), PUBLIC_URL, clock);
        outbox = OutboxDispatcher.on(unit, events, registry, connections, new OutboundParts(unit, files, links),
                settings, clock);
        chats = ChatServiceImpl.on(unit, team, groups, events, nudges::incrementAndGet, connections, registry, files,
                clock);
        contactChats = ContactChatsImpl.on(unit, team, groups, events, clock);
        project = team.create(name);
        owner = team.add(project.id(), "owner@" + name + ".example", "Owner", Role.OWNER);
        admin = team.add(project.id(), "admin@" + name + ".example", "Admin", Role.ADMIN);
        vitaly = team.add(project.id(), "vitaly@" + name + ".example", "Vitaly", Role.MANAGER);
        dima = team.add(project.id(), "dima@" + name + ".example", "Dima", Role.MANAGER);
        konstantin = team.add(project.id(), "konstantin@" + name + ".example", "Konstantin", Role.MANAGER);
        connection = connections.create(project.id(), owner.id(), "test", "Test bot");
    }

    /** A new client writes: a New chat. */
    public ChatId newChat() {
        return inbound("client-" + ids.incrementAndGet(), "hello").chat();
    }

    public Ingress.Received inbound(String client, String text) {
        return ingress.accept(message(client, "m-" + ids.incrementAndGet(), text, Optional.empty()));
    }

    public InboundMessage message(String client, String externalId, String text, Optional<String> source) {
        return new InboundMessage(connection.id(), externalId, client, ClientProfile.named("Client", client), text,
                clock.instant(), source);
    }

    /** The system event types of a chat, oldest first. */
    public List<String> systemEvents(ChatId chat) {
        return db.rows("select event_type from message where kind = 'SYSTEM' and chat_id = " + chat.value()
                + " order by created_at, id").stream().map(r -> (String) r.get(0)).toList();
    }

    public long count(String sql) {
        return ((Number) db.rows(sql).get(0).get(0)).longValue();
    }

    /** A clock the tests move by hand (outbox backoff). */
    public static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        public void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
