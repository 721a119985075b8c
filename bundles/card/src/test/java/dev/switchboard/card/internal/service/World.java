package dev.switchboard.card.internal.service;

import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.funnel.FunnelDefinition;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.team.Member;
import dev.switchboard.card.internal.funnel.FunnelRegistry;
import dev.switchboard.card.internal.store.CardUnit;
import dev.switchboard.store.testing.TestDatabase;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.Constants;

/**
 * The card bundle wired by hand on a test database, with fakes of the chat engine, contact sources, team and blob
 * store, the standard funnel registered, and one project of an owner, an admin and three managers.
 */
final class World {

    private static final AtomicLong IDS = new AtomicLong(100);
    private static final AtomicLong SERVICE_IDS = new AtomicLong(1);

    final TestDatabase db;
    final PersistenceUnit unit;
    final Fakes.Members members = new Fakes.Members();
    final Fakes.Chats chats = new Fakes.Chats(members);
    final Fakes.SourcesFake sources = new Fakes.SourcesFake();
    final Fakes.Events events = new Fakes.Events();
    final Fakes.Files files = new Fakes.Files();
    final Fakes.Connections connections = new Fakes.Connections();
    final FunnelRegistry funnels;
    final ContactDirectoryImpl directory;
    final CardServiceImpl cards;
    final TagServiceImpl tags;

    World(TestDatabase db) {
        this.db = db;
        this.unit = db.database().open(CardUnit.spec());
        funnels = new FunnelRegistry(unit, members, events, Clock.systemUTC());
        directory = ContactDirectoryImpl.on(unit, funnels, files, connections, events, "RU", Clock.systemUTC());
        cards = CardServiceImpl.create(unit, funnels, members, chats, sources, connections, files, events,
                "RU", Clock.systemUTC());
        tags = TagServiceImpl.create(unit, members, events);
        chats.lookFromOutside = c -> db.rows("select c.funnel_stage, (select count(*) from contact_tag t"
                + " where t.contact_id = c.id), (select count(*) from contact_subscription s where s.contact_id = c.id)"
                + " from contact c where c.id = " + c.value()).toString();
    }

    /** Registers a funnel definition as SCR would; returns its service properties, for unregistering. */
    Map<String, Object> register(FunnelDefinition funnel) {
        Map<String, Object> properties = Map.of(Constants.SERVICE_ID, SERVICE_IDS.incrementAndGet());
        funnels.addFunnel(funnel, properties);
        return properties;
    }

    /** A project of its own: owner, admin, and managers vitaly, dima, konstantin. */
    Team team() {
        ProjectId project = new ProjectId(IDS.incrementAndGet());
        return new Team(project, connections.add(new ConnectionId(IDS.incrementAndGet()), project),
                members.add(project, "owner", Role.OWNER), members.add(project, "admin", Role.ADMIN),
                members.add(project, "vitaly", Role.MANAGER), members.add(project, "dima", Role.MANAGER),
                members.add(project, "konstantin", Role.MANAGER));
    }

    record Team(ProjectId project, ConnectionId connection, Member owner, Member admin, Member vitaly, Member dima,
                Member konstantin) {
    }

    /** A new client writes on the team's connection. */
    ContactId client(Team t, String externalUserId, String first, String last) {
        return directory.identify(t.project(), t.connection(), externalUserId,
                new ClientProfile(Optional.ofNullable(first), Optional.ofNullable(last), Optional.empty()));
    }

    long count(String sql) {
        return ((Number) db.rows(sql).get(0).get(0)).longValue();
    }
}
