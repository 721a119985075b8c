package dev.switchboard.card.internal.search;

import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.funnel.FunnelDefinition;
import dev.switchboard.api.funnel.FunnelStage;
import dev.switchboard.api.store.Database;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.card.internal.funnel.FunnelRegistry;
import dev.switchboard.card.internal.store.CardUnit;
import dev.switchboard.card.internal.store.SearchText;
import dev.switchboard.chat.internal.store.ChatUnit;
import dev.switchboard.interactions.internal.store.InteractionsUnit;
import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.team.internal.auth.Credentials;
import dev.switchboard.team.internal.auth.LoginThrottle;
import dev.switchboard.team.internal.auth.PasswordHasher;
import dev.switchboard.team.internal.service.TeamDirectory;
import dev.switchboard.team.internal.store.TeamUnit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.Constants;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The search component on a test database with the real migrations of the card, chat, interactions and team
 * bundles; contacts, tags, chats and sources written with plain SQL as their owners store them (search_text
 * through the card's {@link SearchText}).
 */
final class SearchFixture {

    static final FunnelStage NEW = stage("new", "New", "Новый", 1);
    static final FunnelStage WORK = stage("work", "In work", "В работе", 2);
    static final FunnelStage WON = stage("won", "Won", "Успешно", 3);
    static final FunnelStage VIEWING = stage("viewing", "Viewing", "Показ", 1);

    final TestDatabase db;
    final TeamDirectory team;
    final ContactSearchService search;
    private final AtomicLong ids = new AtomicLong(1000);

    SearchFixture(TestDatabase db) {
        this.db = db;
        Database database = db.database();
        team = new TeamDirectory(database.open(TeamUnit.spec()), new Credentials(new PasswordHasher(8192, 1),
                new LoginThrottle(Clock.systemUTC(), 5, Duration.ofMinutes(1), Duration.ofMinutes(1))),
                Clock.systemUTC());
        database.open(ChatUnit.spec());
        database.open(InteractionsUnit.spec());
        PersistenceUnit card = database.open(CardUnit.spec());
        FunnelRegistry funnels = new FunnelRegistry(card, team, new QuietEvents(), Clock.systemUTC());
        // "default" is installed; "estate" was installed once and its bundle is gone: its copy stays readable
        funnels.addFunnel(new Definition("default", Map.of("en", "Default"), List.of(NEW, WORK, WON)),
                Map.of(Constants.SERVICE_ID, 1L));
        Definition estate = new Definition("estate", Map.of("en", "Real estate"), List.of(VIEWING));
        funnels.addFunnel(estate, Map.of(Constants.SERVICE_ID, 2L));
        funnels.removeFunnel(estate, Map.of(Constants.SERVICE_ID, 2L));
        search = ContactSearchService.on(card, database.dialect(), team, funnels, "RU");
    }

    /** A contact as the card bundle stores it; {@code null} for a missing value. */
    long contact(ProjectId project, String first, String last, String email, String phone, String about,
                 String stage, Instant createdAt) {
        return contact(project, first, last, email, phone, about, "default", stage, createdAt);
    }

    long contact(ProjectId project, String first, String last, String email, String phone, String about,
                 String funnel, String stage, Instant createdAt) {
        long id = ids.incrementAndGet();
        update("insert into contact (id, project_id, first_name, last_name, email, phone, about, funnel_key,"
                        + " funnel_stage, created_at, version, names_edited, search_text)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, false, ?)", id, project.value(), first, last,
                email, phone, about, stage == null ? null : funnel, stage, Timestamp.from(createdAt),
                SearchText.of(first, last, email, phone, about));
        return id;
    }

    long tag(ProjectId project, String name) {
        long id = ids.incrementAndGet();
        update("insert into tag (id, project_id, name, name_key, colour, version) values (?, ?, ?, ?, '#336699', 1)",
                id, project.value(), name, name.toLowerCase(java.util.Locale.ROOT));
        return id;
    }

    void tagContact(ProjectId project, long contact, long tag) {
        update("insert into contact_tag (contact_id, tag_id, project_id, added_at) values (?, ?, ?, ?)", contact, tag,
                project.value(), Timestamp.from(Instant.now()));
    }

    void subscribe(ProjectId project, long contact, String chain) {
        update("insert into contact_subscription (contact_id, project_id, chain, chain_name, since)"
                + " values (?, ?, ?, ?, ?)", contact, project.value(), chain, "Chain " + chain,
                Timestamp.from(Instant.now()));
    }

    void mergedInto(long contact, long survivor) {
        update("update contact set merged_into = ? where id = ?", survivor, contact);
    }

    long tool(ProjectId project, String name) {
        long id = ids.incrementAndGet();
        update("insert into acquisition_tool (id, project_id, name, kind) values (?, ?, ?, 'LINK')", id,
                project.value(), name);
        return id;
    }

    void acquired(ProjectId project, long contact, long tool) {
        update("insert into contact_acquisition (contact_id, tool_id, first_at, project_id) values (?, ?, ?, ?)",
                contact, tool, Timestamp.from(Instant.now()), project.value());
    }

    /** A chat of the contact as the chat engine stores it. */
    void chat(ProjectId project, long contact, Long group, MemberId responsible, Instant lastActivity) {
        long id = ids.incrementAndGet();
        update("insert into chat (id, project_id, client_name, channel, state, responsible_id, last_activity, version,"
                        + " group_id, contact_id, repeat_request) values (?, ?, 'Client', 'test', ?, ?, ?, 1, ?, ?, false)",
                id, project.value(), responsible == null ? "NEW" : "ACTIVE",
                responsible == null ? null : responsible.value(), Timestamp.from(lastActivity), group, contact);
    }

    private void update(String sql, Object... values) {
        try (Connection c = db.jdbc().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static FunnelStage stage(String key, String en, String ru, int order) {
        return new FunnelStage(key, Map.of("en", en, "ru", ru), order, "#112233");
    }

    /** A funnel as a plugin bundle registers it. */
    private record Definition(String key, Map<String, String> names, List<FunnelStage> stages)
            implements FunnelDefinition {
    }

    /** Funnel snapshots post an event after commit; nobody listens in these tests. */
    private static final class QuietEvents implements EventAdmin {
        @Override
        public void postEvent(Event event) {
        }

        @Override
        public void sendEvent(Event event) {
        }
    }
}
