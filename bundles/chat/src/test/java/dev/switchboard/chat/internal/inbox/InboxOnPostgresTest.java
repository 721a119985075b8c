package dev.switchboard.chat.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.chat.ChatSummary;
import dev.switchboard.api.chat.InboxService;
import dev.switchboard.api.chat.InboxTab;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.team.AccessRights;
import dev.switchboard.api.team.Group;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.Project;
import dev.switchboard.chat.internal.store.ChatEntity;
import dev.switchboard.chat.internal.store.ChatUnit;
import dev.switchboard.store.testing.PostgresDatabase;
import dev.switchboard.team.internal.auth.Credentials;
import dev.switchboard.team.internal.auth.LoginThrottle;
import dev.switchboard.team.internal.auth.PasswordHasher;
import dev.switchboard.team.internal.service.GroupDirectory;
import dev.switchboard.team.internal.service.TeamDirectory;
import dev.switchboard.team.internal.store.TeamUnit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The inbox tabs over real rows in PostgreSQL (INB-2..6, TEAM-7, DIST-2). */
class InboxOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static PersistenceUnit chats;
    static TeamDirectory team;
    static InboxQueries inbox;
    static Project project;
    static Member vitaly;
    static Member dima;
    static Member junior;
    static Member owner;
    static GroupDirectory groups;
    static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    @BeforeAll
    static void data() {
        team = new TeamDirectory(DB.database().open(TeamUnit.spec()), new Credentials(new PasswordHasher(8192, 1),
                new LoginThrottle(Clock.systemUTC(), 5, Duration.ofMinutes(1), Duration.ofMinutes(1))),
                Clock.systemUTC());
        chats = DB.database().open(ChatUnit.spec());
        groups = new GroupDirectory(DB.database().open(TeamUnit.spec()), Clock.systemUTC());
        inbox = InboxQueries.on(chats, team, groups);
        project = team.create("Inbox");
        owner = team.add(project.id(), "owner@example.com", "Owner", Role.OWNER);
        vitaly = team.add(project.id(), "vitaly@example.com", "Vitaly", Role.MANAGER);
        dima = team.add(project.id(), "dima@example.com", "Dima", Role.MANAGER);
        junior = team.setRights(team.add(project.id(), "junior@example.com", "Junior", Role.MANAGER).id(),
                new AccessRights(false, false));
        for (int i = 0; i < 25; i++) {
            chat("new " + i, "NEW", null, T0.plusSeconds(i));
        }
        chat("vitaly's", "ACTIVE", vitaly, T0.plusSeconds(100));
        long shared = chat("dima's with vitaly", "ACTIVE", dima, T0.plusSeconds(101));
        chat("dima's alone", "ACTIVE", dima, T0.plusSeconds(102));
        chat("done by vitaly", "DONE", vitaly, T0.plusSeconds(103));
        chats.inTransaction((em, tx) -> em.createNativeQuery(
                "insert into chat_participant (chat_id, member_id) values (?1, ?2)")
                .setParameter(1, shared).setParameter(2, vitaly.id().value()).executeUpdate());
        // a department closed to everyone but Dima (GRP-3): one new, one active of Dima's, one done by Dima
        Group sales = groups.create(project.id(), owner.id(), "Sales");
        groups.setMembers(sales.id(), owner.id(), java.util.Set.of(dima.id()));
        for (long id : new long[] {chat("sales new", "NEW", null, T0.plusSeconds(200)),
                chat("sales active", "ACTIVE", dima, T0.plusSeconds(201)),
                chat("sales done", "DONE", dima, T0.plusSeconds(202))}) {
            chats.inTransaction((em, tx) -> em.createNativeQuery("update chat set group_id = ?1 where id = ?2")
                    .setParameter(1, sales.id().value()).setParameter(2, id).executeUpdate());
        }
        // another project's chat never shows
        Project other = team.create("Other");
        chats.inTransaction((em, tx) -> {
            em.persist(new ChatEntity(other.id().value(), "elsewhere", "widget", T0));
            return null;
        });
    }

    static long chat(String client, String state, Member responsible, Instant at) {
        return chats.inTransaction((em, tx) -> {
            ChatEntity c = new ChatEntity(project.id().value(), client, "telegram", at);
            em.persist(c);
            em.flush();
            em.createNativeQuery("update chat set state = ?1 where id = ?2")
                    .setParameter(1, state).setParameter(2, c.id()).executeUpdate();
            if (responsible != null) {
                em.createNativeQuery("update chat set responsible_id = ?1 where id = ?2")
                        .setParameter(1, responsible.id().value()).setParameter(2, c.id()).executeUpdate();
            }
            return c.id();
        });
    }

    static List<String> names(InboxTab tab, Member viewer) {
        return inbox.page(project.id(), viewer.id(), tab, Optional.empty(), 200).items().stream()
                .map(ChatSummary::clientName).toList();
    }

    @Test
    void INB4_mineHoldsChatsIAmResponsibleForOrWasAddedTo() {
        assertThat(names(InboxTab.MINE, vitaly)).containsExactly("dima's with vitaly", "vitaly's");
        assertThat(names(InboxTab.MINE, dima)).containsExactly("sales active", "dima's alone", "dima's with vitaly");
    }

    @Test
    void INB5_othersHoldsOtherManagersActiveChats() {
        assertThat(names(InboxTab.OTHERS, vitaly)).containsExactly("dima's alone");
        assertThat(names(InboxTab.OTHERS, owner)).hasSize(4);
    }

    @Test
    void INB6_doneHoldsHandledChats() {
        assertThat(names(InboxTab.DONE, dima)).containsExactly("sales done", "done by vitaly");
    }

    @Test
    void TEAM7_DIST2_aMemberWithoutAccessSeesNoNewAndNoOthers() {
        assertThat(names(InboxTab.NEW, junior)).isEmpty();
        assertThat(names(InboxTab.OTHERS, junior)).isEmpty();
        assertThat(names(InboxTab.DONE, junior)).isEmpty();
        assertThat(inbox.counts(project.id(), junior.id()))
                .isEqualTo(Map.of(InboxTab.NEW, 0L, InboxTab.MINE, 0L, InboxTab.OTHERS, 0L, InboxTab.DONE, 0L));
    }

    @Test
    void INB3_newIsPagedNewestFirstWithoutGapsOrRepeats() {
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page<ChatSummary> page = inbox.page(project.id(), vitaly.id(), InboxTab.NEW, cursor, 10);
            page.items().forEach(c -> seen.add(c.clientName()));
            cursor = page.next();
            pages++;
        } while (cursor.isPresent());
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().startsWith("new 24", "new 23").endsWith("new 0");
    }

    @Test
    void GRP3_DIST3_aRestrictedGroupsChatsShowOnlyToItsMembersAndSeniors() {
        assertThat(names(InboxTab.NEW, vitaly)).doesNotContain("sales new");
        assertThat(names(InboxTab.OTHERS, vitaly)).doesNotContain("sales active");
        assertThat(names(InboxTab.DONE, vitaly)).doesNotContain("sales done");
        assertThat(names(InboxTab.NEW, dima)).contains("sales new");
        assertThat(names(InboxTab.MINE, dima)).contains("sales active");
        assertThat(names(InboxTab.DONE, dima)).contains("sales done");
        assertThat(names(InboxTab.NEW, owner)).contains("sales new");
        assertThat(names(InboxTab.OTHERS, owner)).contains("sales active");
        assertThat(names(InboxTab.DONE, owner)).contains("sales done");
        assertThat(inbox.counts(project.id(), dima.id()).get(InboxTab.NEW)).isEqualTo(26L);
    }

    @Test
    void GRP3_aChatOfAClosedGroupStillShowsToItsResponsible() {
        // Vitaly is made responsible of a Sales chat although Sales is closed to him: Mine must still list it
        long id = chat("sales given to vitaly", "ACTIVE", vitaly, T0.plusSeconds(300));
        long sales = groups.list(project.id()).get(0).id().value();
        chats.inTransaction((em, tx) -> em.createNativeQuery("update chat set group_id = ?1 where id = ?2")
                .setParameter(1, sales).setParameter(2, id).executeUpdate());
        assertThat(names(InboxTab.MINE, vitaly)).contains("sales given to vitaly");
        chats.inTransaction((em, tx) -> em.createNativeQuery("update chat set state = 'DONE' where id = ?1")
                .setParameter(1, id).executeUpdate());
        assertThat(names(InboxTab.DONE, vitaly)).contains("sales given to vitaly");
        chats.inTransaction((em, tx) -> em.createNativeQuery("delete from chat where id = ?1")
                .setParameter(1, id).executeUpdate());
    }

    @Test
    void countsPerTabMatchTheLists() {
        assertThat(inbox.counts(project.id(), vitaly.id())).isEqualTo(Map.of(
                InboxTab.NEW, 25L, InboxTab.MINE, 2L, InboxTab.OTHERS, 1L, InboxTab.DONE, 1L));
    }

    @Test
    void aMemberOfAnotherProjectFindsNoInboxHere() {
        Project other = team.create("Foreign");
        Member stranger = team.add(other.id(), "stranger@example.com", "Stranger", Role.OWNER);
        // issue 12: as for a project that does not exist; NotAllowed would tell that it does
        assertThatThrownBy(() -> inbox.page(project.id(), stranger.id(), InboxTab.NEW, Optional.empty(), 10))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> inbox.counts(project.id(), stranger.id())).isInstanceOf(NotFound.class);
    }

    @Test
    void INB2_aBigTabIsCountedUpToTheCapAndStillListedInFull() {
        Project big = team.create("Big inbox");
        Member bigOwner = team.add(big.id(), "big-owner@example.com", "Big Owner", Role.OWNER);
        chats.inTransaction((em, tx) -> {
            for (int i = 0; i < InboxService.COUNT_LIMIT + 5; i++) {
                em.persist(new ChatEntity(big.id().value(), "client " + i, "telegram", T0.plusSeconds(i)));
            }
            return null;
        });
        assertThat(inbox.counts(big.id(), bigOwner.id())).containsEntry(InboxTab.NEW, InboxService.COUNT_LIMIT);
        int listed = 0;
        Optional<String> cursor = Optional.empty();
        do {
            Page<ChatSummary> page = inbox.page(big.id(), bigOwner.id(), InboxTab.NEW, cursor, 200);
            listed += page.items().size();
            cursor = page.next();
        } while (cursor.isPresent());
        assertThat(listed).isEqualTo(InboxService.COUNT_LIMIT + 5);
    }

    @Test
    void INB4_minePagesThroughResponsibleAndParticipantChatsInOrder() {
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<ChatSummary> page = inbox.page(project.id(), vitaly.id(), InboxTab.MINE, cursor, 1);
            page.items().forEach(c -> seen.add(c.clientName()));
            cursor = page.next();
        } while (cursor.isPresent());
        assertThat(seen).isEqualTo(names(InboxTab.MINE, vitaly)).hasSize(2).doesNotHaveDuplicates();
    }
}
