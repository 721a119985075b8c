package dev.switchboard.chat.internal.inbox;

import dev.switchboard.api.chat.ChatState;
import dev.switchboard.api.chat.ChatSummary;
import dev.switchboard.api.chat.InboxService;
import dev.switchboard.api.chat.InboxTab;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.team.GroupService;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.chat.internal.store.ChatEntity;
import dev.switchboard.chat.internal.store.ChatUnit;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The inbox tab queries (INB-2..6) with the viewer's access rights (TEAM-7, DIST-2) and groups (GRP-3, DIST-3).
 * Each tab is one state of one project, newest activity first, keyset-paged on (last_activity, id) so that a page
 * costs the same however deep it is; index {@code chat_tab_ix} serves them.
 */
@Component(service = InboxService.class)
public final class InboxQueries implements InboxService {

    /**
     * The viewer's own chats as a set of ids: an OR of "responsible" and "participant" cannot use an index and
     * walks the whole state, while each half alone is an index lookup (chat_responsible_ix, the participant
     * key) bounded by the viewer's own chats (bench/engine.sh inbox: 550 ms to 4 ms).
     */
    private static final String MINE = "c.id in (select r.id from chat r where r.responsible_id = ?2"
            + " and r.state = ?3 union all select p.chat_id from chat_participant p where p.member_id = ?2)";

    private final PersistenceUnit unit;
    private final MemberService members;
    private final GroupService groups;

    @Activate
    public InboxQueries(@Reference ChatUnit unit, @Reference MemberService members, @Reference GroupService groups) {
        this(unit.unit(), members, groups);
    }

    /*
     * Outside OSGi (tests, benchmarks) through a factory, not a second public constructor of the same arity:
     * Felix SCR picks the public constructor to inject by its number of parameters and would try the wrong one.
     */
    public static InboxQueries on(PersistenceUnit unit, MemberService members, GroupService groups) {
        return new InboxQueries(unit, members, groups);
    }

    private InboxQueries(PersistenceUnit unit, MemberService members, GroupService groups) {
        this.unit = unit;
        this.members = members;
        this.groups = groups;
    }

    @Override
    public Page<ChatSummary> page(ProjectId project, MemberId viewer, InboxTab tab, Optional<String> after,
                                  int size) {
        if (size < 1 || size > 200) {
            throw new InvalidInput("size", "must be 1 to 200");
        }
        Member member = member(project, viewer);
        Optional<String> filter = filter(member, tab, closedGroups(member));
        if (filter.isEmpty()) {
            return Page.last(List.of());
        }
        Optional<Cursor> cursor = after.map(Cursor::decode);
        String sql = tab == InboxTab.MINE ? minePage(cursor.isPresent(), size + 1)
                : "select c.* from chat c where c.project_id = ?1 and c.state = ?3 and " + filter.get()
                + keyset("c", cursor.isPresent()) + " order by c.last_activity desc, c.id desc limit " + (size + 1);
        return unit.read((em, tx) -> {
            Query q = bind(em.createNativeQuery(sql, ChatEntity.class), project, viewer, tab, filter.get());
            cursor.ifPresent(c -> q.setParameter(4, OffsetDateTime.ofInstant(c.lastActivity(), ZoneOffset.UTC))
                    .setParameter(5, c.id()));
            @SuppressWarnings("unchecked")
            List<ChatEntity> rows = q.getResultList();
            List<ChatSummary> items = new ArrayList<>(rows.stream().limit(size).map(ChatEntity::toSummary).toList());
            if (rows.size() <= size) {
                return Page.last(items);
            }
            ChatSummary last = items.get(items.size() - 1);
            return new Page<>(items, Optional.of(new Cursor(last.lastActivity(), last.id().value()).encode()));
        });
    }

    /**
     * The keyset condition after a cursor. The redundant "last_activity <= ?4" lets the index start at the cursor
     * instead of filtering every row before it.
     */
    private static String keyset(String alias, boolean cursor) {
        return cursor ? " and " + alias + ".last_activity <= ?4 and (" + alias + ".last_activity < ?4 or ("
                + alias + ".last_activity = ?4 and " + alias + ".id < ?5))" : "";
    }

    /**
     * Mine as two ordered, limited index walks (chats the viewer is responsible for, over chat_responsible_ix;
     * chats they take part in, over the participant key) merged and cut again: a page reads at most twice its
     * size whatever the viewer holds (a member with 8,944 active chats: 36 ms with a single set of ids).
     */
    private static String minePage(boolean cursor, int limit) {
        String order = " order by r.last_activity desc, r.id desc limit " + limit;
        return "select c.* from chat c where c.id in ("
                + "select id from (select r.id from chat r where r.responsible_id = ?2 and r.state = ?3"
                + " and r.project_id = ?1" + keyset("r", cursor) + order + ") responsible"
                + " union all select id from (select r.id from chat_participant p join chat r on r.id = p.chat_id"
                + " where p.member_id = ?2 and r.state = ?3 and r.project_id = ?1" + keyset("r", cursor) + order
                + ") participating) order by c.last_activity desc, c.id desc limit " + limit;
    }

    @Override
    public Map<InboxTab, Long> counts(ProjectId project, MemberId viewer) {
        Member member = member(project, viewer);
        List<Long> closed = closedGroups(member);
        return unit.read((em, tx) -> {
            Map<InboxTab, Long> counts = new EnumMap<>(InboxTab.class);
            for (InboxTab tab : InboxTab.values()) {
                counts.put(tab, filter(member, tab, closed).map(f -> count(em, project, viewer, tab, f)).orElse(0L));
            }
            return counts;
        });
    }

    /** Counts at most {@link InboxService#COUNT_LIMIT} rows: an exact count of a big tab reads all of it. */
    private long count(EntityManager em, ProjectId project, MemberId viewer, InboxTab tab, String filter) {
        Query q = em.createNativeQuery("select count(*) from (select 1 from chat c where c.project_id = ?1"
                + " and c.state = ?3 and " + filter + " limit " + COUNT_LIMIT + ") limited");
        return ((Number) bind(q, project, viewer, tab, filter).getSingleResult()).longValue();
    }

    private static Query bind(Query q, ProjectId project, MemberId viewer, InboxTab tab, String filter) {
        q.setParameter(1, project.value()).setParameter(3, state(tab).name());
        if (filter.contains("?2")) {
            q.setParameter(2, viewer.value());
        }
        return q;
    }

    /** The viewer, a member of the project; for anyone else the project is not found, as one that does not exist. */
    private Member member(ProjectId project, MemberId viewer) {
        return members.find(viewer).filter(m -> m.project().equals(project))
                .orElseThrow(() -> new NotFound("project", project));
    }

    private static ChatState state(InboxTab tab) {
        return switch (tab) {
            case NEW -> ChatState.NEW;
            case MINE, OTHERS -> ChatState.ACTIVE;
            case DONE -> ChatState.DONE;
        };
    }

    /** The groups of the project whose chats are closed to the viewer (GRP-3, DIST-3); read outside the chat unit. */
    private List<Long> closedGroups(Member viewer) {
        if (viewer.role().maySupervise()) {
            return List.of();
        }
        return groups.list(viewer.project()).stream().filter(g -> !g.visibleTo(viewer)).map(g -> g.id().value())
                .sorted().toList();
    }

    /**
     * The SQL condition that limits a tab to what the viewer may see; empty if the tab is closed to them. A chat in
     * a group closed to the viewer shows only where it is theirs (Mine, their own Done).
     */
    static Optional<String> filter(Member viewer, InboxTab tab, List<Long> closedGroups) {
        boolean senior = viewer.role().maySupervise();
        String open = closedGroups.isEmpty() ? "1 = 1" : "(c.group_id is null or c.group_id not in "
                + closedGroups.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")")) + ")";
        return switch (tab) {
            case NEW -> senior || viewer.rights().seeNew() ? Optional.of(open) : Optional.empty();
            case MINE -> Optional.of(MINE);
            case OTHERS -> senior || viewer.rights().seeOthers()
                    ? Optional.of("not (" + MINE + ") and " + open) : Optional.empty();
            case DONE -> Optional.of(senior || viewer.rights().seeOthers() ? "(" + open + " or " + MINE + ")" : MINE);
        };
    }
}
