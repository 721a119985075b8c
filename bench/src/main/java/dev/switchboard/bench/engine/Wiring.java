package dev.switchboard.bench.engine;

import dev.switchboard.api.store.Database;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.chat.internal.engine.ChatServiceImpl;
import dev.switchboard.chat.internal.inbox.InboxQueries;
import dev.switchboard.chat.internal.ingress.ConnectionDirectory;
import dev.switchboard.chat.internal.ingress.IngressImpl;
import dev.switchboard.chat.internal.store.ChatUnit;
import dev.switchboard.team.internal.auth.Credentials;
import dev.switchboard.team.internal.auth.LoginThrottle;
import dev.switchboard.team.internal.auth.PasswordHasher;
import dev.switchboard.team.internal.service.GroupDirectory;
import dev.switchboard.team.internal.service.TeamDirectory;
import dev.switchboard.team.internal.store.TeamUnit;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The team and chat services wired by hand on the store, with the constructors the bundles' PostgreSQL tests use:
 * the same code that runs in Karaf, minus OSGi. Events after commit go to a counting EventAdmin; the ingress's
 * contact directory and sources are in-memory ({@link BenchContacts}).
 */
final class Wiring {

    final TeamDirectory team;
    final GroupDirectory groups;
    final PersistenceUnit chatUnit;
    final ConnectionDirectory connections;
    final IngressImpl ingress;
    final ChatServiceImpl chats;
    final InboxQueries inbox;
    final BenchContacts contacts = new BenchContacts();
    final CountingEvents events = new CountingEvents();

    Wiring(Database database) {
        Clock clock = Clock.systemUTC();
        PersistenceUnit teamUnit = database.open(TeamUnit.spec());
        team = new TeamDirectory(teamUnit, new Credentials(new PasswordHasher(8192, 1),
                new LoginThrottle(clock, 5, Duration.ofMinutes(1), Duration.ofMinutes(1))), clock);
        groups = new GroupDirectory(teamUnit, clock);
        chatUnit = database.open(ChatUnit.spec());
        connections = new ConnectionDirectory(chatUnit, team, clock);
        ingress = IngressImpl.on(chatUnit, connections, groups, events, contacts, contacts, clock);
        chats = new ChatServiceImpl(chatUnit, team, groups, events, () -> { }, clock);
        inbox = InboxQueries.on(chatUnit, team, groups);
    }

    /** Stands in for Karaf's EventAdmin: the engine posts after every commit; here the posts are only counted. */
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
