package dev.switchboard.bench.engine;

import dev.switchboard.api.card.ContactDirectory;
import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.funnel.FunnelDefinition;
import dev.switchboard.api.funnel.FunnelStage;
import dev.switchboard.api.interactions.ContactSources;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.card.internal.funnel.FunnelRegistry;
import dev.switchboard.card.internal.service.ContactDirectoryImpl;
import dev.switchboard.card.internal.store.CardUnit;
import dev.switchboard.chat.internal.connection.ConnectionDirectory;
import dev.switchboard.chat.internal.connection.ConnectorRegistry;
import dev.switchboard.chat.internal.engine.ChatServiceImpl;
import dev.switchboard.chat.internal.fetch.Fetches;
import dev.switchboard.chat.internal.inbox.InboxQueries;
import dev.switchboard.chat.internal.ingress.IngressImpl;
import dev.switchboard.chat.internal.store.ChatUnit;
import dev.switchboard.interactions.internal.sources.ContactSourcesImpl;
import dev.switchboard.interactions.internal.store.InteractionsUnit;
import dev.switchboard.store.internal.StoreDatabase;
import dev.switchboard.store.internal.files.DatabaseFileStore;
import dev.switchboard.store.internal.secrets.AesGcmSecrets;
import dev.switchboard.team.internal.auth.Credentials;
import dev.switchboard.team.internal.auth.LoginThrottle;
import dev.switchboard.team.internal.auth.PasswordHasher;
import dev.switchboard.team.internal.service.GroupDirectory;
import dev.switchboard.team.internal.service.TeamDirectory;
import dev.switchboard.team.internal.store.TeamUnit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.Constants;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The team, chat, card and interactions services wired by hand on the store, with the constructors the bundles'
 * PostgreSQL tests use (the chat bundle's {@code Engine} is the model): the same code that runs in Karaf, minus OSGi.
 * Every unit is opened on the one database through its real migrations and shares its pool, as in Karaf; so does
 * the store's blob store ({@link DatabaseFileStore}). Connection secrets are sealed by the store's real
 * {@link AesGcmSecrets} with a key file of this run (deleted at {@link #close()}). Events after commit go to a
 * counting EventAdmin.
 * <p>
 * Since the channel platform a connection needs an installed connector of its type: the {@link ConnectorRegistry}
 * holds a {@link BenchChannel} for each type the benchmarks connect. The download job ({@link Fetches}) runs as the
 * chat bundle starts it in Karaf: the ingress queues a profile question for every new client, and the job answers it
 * in the background on the same pool (the bench connector knows no profiles, so it only marks the row done).
 * <p>
 * The ingress asks the card bundle's {@link ContactDirectoryImpl} for the client's card before its chat
 * transaction and the interactions bundle's {@link ContactSourcesImpl} for the message's sources after it, as in
 * production; the funnel registry knows the spec's six stages, so a new card starts at the first. With
 * {@link Contacts#STAND_INS} the two are in-memory maps instead ({@link BenchContacts}) and only the chat unit is
 * measured, for comparison with the figures from before cards.
 */
final class Wiring implements AutoCloseable {

    /** Where webhooks and public file links would point; nothing calls it in the benchmarks. */
    static final URI PUBLIC_URL = URI.create("http://127.0.0.1:8181");

    /** What the ingress identifies clients and records sources with. */
    enum Contacts {
        /** The card and interactions bundles' services on their own units (production). */
        REAL,
        /** In-memory maps: the chat unit alone. */
        STAND_INS
    }

    final TeamDirectory team;
    final GroupDirectory groups;
    final PersistenceUnit chatUnit;
    final ConnectorRegistry registry = new ConnectorRegistry();
    final ConnectionDirectory connections;
    final FileStore files;
    final Fetches fetches;
    final IngressImpl ingress;
    final ChatServiceImpl chats;
    final InboxQueries inbox;
    final CountingEvents events = new CountingEvents();
    /** Times the ingress's calls to the connection lookup, the contact directory and the contact sources. */
    final MeasuredCalls calls = new MeasuredCalls();
    final Contacts contactsMode;
    /** Only with {@link Contacts#STAND_INS}: what the ingress asked of them. */
    final Optional<BenchContacts> standIns;
    private final Path secretsDir;

    Wiring(StoreDatabase database) {
        this(database, Contacts.REAL);
    }

    Wiring(StoreDatabase database, Contacts contactsMode) {
        this.contactsMode = contactsMode;
        Clock clock = Clock.systemUTC();
        try {
            secretsDir = Files.createTempDirectory("sb-bench-secrets");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AesGcmSecrets secrets = AesGcmSecrets.load(variable -> null, secretsDir.resolve("switchboard-secrets.key"));
        files = DatabaseFileStore.open(database, clock);
        PersistenceUnit teamUnit = database.open(TeamUnit.spec());
        team = new TeamDirectory(teamUnit, new Credentials(new PasswordHasher(8192, 1),
                new LoginThrottle(clock, 5, Duration.ofMinutes(1), Duration.ofMinutes(1))), clock);
        groups = new GroupDirectory(teamUnit, clock);
        chatUnit = database.open(ChatUnit.spec());
        BenchChannel.TYPES.forEach(type -> registry.add(new BenchChannel(type)));
        connections = ConnectionDirectory.on(chatUnit, team, secrets, registry, events, PUBLIC_URL, clock);
        ContactDirectory directory;
        ContactSources sources;
        if (contactsMode == Contacts.REAL) {
            PersistenceUnit cardUnit = database.open(CardUnit.spec());
            FunnelRegistry funnels = new FunnelRegistry(cardUnit, team, events, clock);
            // as SCR binds the funnel-default bundle's definition: its copy is stored, new cards start at its first
            funnels.addFunnel(new StandardFunnel(), Map.of(Constants.SERVICE_ID, 1L));
            directory = ContactDirectoryImpl.on(cardUnit, funnels, files, connections, events, "RU", clock);
            sources = ContactSourcesImpl.create(database.open(InteractionsUnit.spec()), events);
            standIns = Optional.empty();
        } else {
            BenchContacts maps = new BenchContacts();
            directory = maps;
            sources = maps;
            standIns = Optional.of(maps);
        }
        fetches = Fetches.on(chatUnit, connections, registry, files, directory, events, clock);
        fetches.start(Duration.ofSeconds(2));
        ingress = IngressImpl.on(chatUnit, calls.connections(connections), registry, groups, events,
                calls.directory(directory), calls.sources(sources), fetches, clock);
        chats = ChatServiceImpl.on(chatUnit, team, groups, events, () -> { }, connections, registry, files, clock);
        inbox = InboxQueries.on(chatUnit, team, groups);
    }

    /** A connection of {@code type} (one of {@link BenchChannel#TYPES}) without settings, made by {@code actor}. */
    ChannelConnection connect(ProjectId project, MemberId actor, String type, String name) {
        return connections.create(project, actor, type, name, Map.of()).connection();
    }

    /** Stops the download job and removes this run's key file; the database is the caller's. */
    @Override
    public void close() {
        fetches.stop();
        try (var left = Files.list(secretsDir)) {
            for (Path p : left.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(secretsDir);
        } catch (IOException e) {
            System.out.println("could not remove " + secretsDir + ": " + e);
        }
    }

    /** The spec's client funnel (CARD-3) under the key a project without a choice uses, as funnel-default has it. */
    static final class StandardFunnel implements FunnelDefinition {
        static final String FIRST_STAGE = "not-client";
        private static final List<String> STAGES = List.of(FIRST_STAGE, "contacted", "interested", "desire", "client",
                "regular");

        @Override
        public String key() {
            return FunnelRegistry.DEFAULT;
        }

        @Override
        public Map<String, String> names() {
            return Map.of("en", "Default funnel");
        }

        @Override
        public List<FunnelStage> stages() {
            return STAGES.stream().map(s -> new FunnelStage(s, Map.of("en", s), 10 * (STAGES.indexOf(s) + 1),
                    "#9e9e9e")).toList();
        }
    }

    /** Stands in for Karaf's EventAdmin: the services post after every commit; here the posts are only counted. */
    static final class CountingEvents implements EventAdmin {
        final AtomicLong posted = new AtomicLong();

        @Override
        public void postEvent(Event event) {
            posted.incrementAndGet();
        }

        @Override
        public void sendEvent(Event event) {
            posted.incrementAndGet();
        }
    }
}
