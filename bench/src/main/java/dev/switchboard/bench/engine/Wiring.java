package dev.switchboard.bench.engine;

import dev.switchboard.api.card.ContactDirectory;
import dev.switchboard.api.funnel.FunnelDefinition;
import dev.switchboard.api.funnel.FunnelStage;
import dev.switchboard.api.interactions.ContactSources;
import dev.switchboard.api.store.Database;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.card.internal.funnel.FunnelRegistry;
import dev.switchboard.card.internal.service.ContactDirectoryImpl;
import dev.switchboard.card.internal.store.CardUnit;
import dev.switchboard.chat.internal.engine.ChatServiceImpl;
import dev.switchboard.chat.internal.inbox.InboxQueries;
import dev.switchboard.chat.internal.ingress.ConnectionDirectory;
import dev.switchboard.chat.internal.ingress.IngressImpl;
import dev.switchboard.chat.internal.store.ChatUnit;
import dev.switchboard.interactions.internal.sources.ContactSourcesImpl;
import dev.switchboard.interactions.internal.store.InteractionsUnit;
import dev.switchboard.team.internal.auth.Credentials;
import dev.switchboard.team.internal.auth.LoginThrottle;
import dev.switchboard.team.internal.auth.PasswordHasher;
import dev.switchboard.team.internal.service.GroupDirectory;
import dev.switchboard.team.internal.service.TeamDirectory;
import dev.switchboard.team.internal.store.TeamUnit;
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
 * PostgreSQL tests use: the same code that runs in Karaf, minus OSGi. Every unit is opened on the one database
 * through its real migrations and shares its pool, as in Karaf. Events after commit go to a counting EventAdmin.
 * <p>
 * The ingress asks the card bundle's {@link ContactDirectoryImpl} for the client's card before its chat
 * transaction and the interactions bundle's {@link ContactSourcesImpl} for the message's sources after it, as in
 * production; the funnel registry knows the spec's six stages, so a new card starts at the first. With
 * {@link Contacts#STAND_INS} the two are in-memory maps instead ({@link BenchContacts}) and only the chat unit is
 * measured, for comparison with the figures from before cards.
 */
final class Wiring {

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
    final ConnectionDirectory connections;
    final IngressImpl ingress;
    final ChatServiceImpl chats;
    final InboxQueries inbox;
    final CountingEvents events = new CountingEvents();
    /** Times the ingress's calls to the connection lookup, the contact directory and the contact sources. */
    final MeasuredCalls calls = new MeasuredCalls();
    final Contacts contactsMode;
    /** Only with {@link Contacts#STAND_INS}: what the ingress asked of them. */
    final Optional<BenchContacts> standIns;

    Wiring(Database database) {
        this(database, Contacts.REAL);
    }

    Wiring(Database database, Contacts contactsMode) {
        this.contactsMode = contactsMode;
        Clock clock = Clock.systemUTC();
        PersistenceUnit teamUnit = database.open(TeamUnit.spec());
        team = new TeamDirectory(teamUnit, new Credentials(new PasswordHasher(8192, 1),
                new LoginThrottle(clock, 5, Duration.ofMinutes(1), Duration.ofMinutes(1))), clock);
        groups = new GroupDirectory(teamUnit, clock);
        chatUnit = database.open(ChatUnit.spec());
        connections = new ConnectionDirectory(chatUnit, team, clock);
        ContactDirectory directory;
        ContactSources sources;
        if (contactsMode == Contacts.REAL) {
            PersistenceUnit cardUnit = database.open(CardUnit.spec());
            FunnelRegistry funnels = new FunnelRegistry(cardUnit, team, events, clock);
            // as SCR binds the funnel-default bundle's definition: its copy is stored, new cards start at its first
            funnels.addFunnel(new StandardFunnel(), Map.of(Constants.SERVICE_ID, 1L));
            directory = new ContactDirectoryImpl(cardUnit, funnels, events, clock);
            sources = ContactSourcesImpl.create(database.open(InteractionsUnit.spec()), events);
            standIns = Optional.empty();
        } else {
            BenchContacts maps = new BenchContacts();
            directory = maps;
            sources = maps;
            standIns = Optional.of(maps);
        }
        ingress = IngressImpl.on(chatUnit, calls.connections(connections), groups, events, calls.directory(directory),
                calls.sources(sources), clock);
        chats = new ChatServiceImpl(chatUnit, team, groups, events, () -> { }, clock);
        inbox = InboxQueries.on(chatUnit, team, groups);
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
