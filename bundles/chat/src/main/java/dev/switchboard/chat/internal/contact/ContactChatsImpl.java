package dev.switchboard.chat.internal.contact;

import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.chat.ChatAction;
import dev.switchboard.api.chat.ChatSummary;
import dev.switchboard.api.chat.ContactChats;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.chat.RequestSummary;
import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.domain.RequestId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.team.Group;
import dev.switchboard.api.team.GroupService;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.chat.internal.engine.ChatEventPublisher;
import dev.switchboard.chat.internal.engine.ChatServiceImpl;
import dev.switchboard.chat.internal.inbox.Cursor;
import dev.switchboard.chat.internal.rules.ChatRules;
import dev.switchboard.chat.internal.rules.Relation;
import dev.switchboard.chat.internal.rules.RuleContext;
import dev.switchboard.chat.internal.store.ChatEntity;
import dev.switchboard.chat.internal.store.ChatUnit;
import dev.switchboard.chat.internal.store.MessageEntity;
import dev.switchboard.chat.internal.store.RequestEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;

/**
 * A contact's chats and requests for the client card and search (CARD-7, CARD-9, INB-7), who edits the card
 * (TEAM-1, TEAM-5/6), and the card's system messages (MSG-4). Reading asks {@link ChatRules} chat by chat, as the
 * chat window does, so a card never shows a chat its viewer may not open (TEAM-7, GRP-3). Members and groups are
 * read before the chat unit's transaction opens, as the engine does.
 * <p>
 * Every read is of the viewer's project only: a contact of another project has no chat there, so it is answered as a
 * contact that does not exist (no chats, no requests, not editable), and a request of another project is
 * {@link NotFound}. The writes, which the card bundle makes after its own checks, check again what they can: a merge
 * never moves a chat into or out of the acting member's project, and a card event is written only into the chats of
 * the project of the member it names (issue 12).
 */
@Component(service = ContactChats.class)
public final class ContactChatsImpl implements ContactChats {

    private final PersistenceUnit unit;
    private final MemberService members;
    private final GroupService groups;
    private final ChatEventPublisher events;
    private final Clock clock;

    @Activate
    public ContactChatsImpl(@Reference ChatUnit unit, @Reference MemberService members,
                            @Reference GroupService groups, @Reference EventAdmin eventAdmin) {
        this(unit.unit(), members, groups, eventAdmin, Clock.systemUTC());
    }

    /* Outside OSGi (tests, benchmarks): a factory, so the component keeps one public constructor per arity. */
    public static ContactChatsImpl on(PersistenceUnit unit, MemberService members, GroupService groups,
                                      EventAdmin eventAdmin, Clock clock) {
        return new ContactChatsImpl(unit, members, groups, eventAdmin, clock);
    }

    private ContactChatsImpl(PersistenceUnit unit, MemberService members, GroupService groups,
                             EventAdmin eventAdmin, Clock clock) {
        this.unit = unit;
        this.members = members;
        this.groups = groups;
        this.events = new ChatEventPublisher(eventAdmin);
        this.clock = clock;
    }

    /** The viewer with the groups of their project. */
    private record Viewer(Member member, List<Group> groups) {
        long id() {
            return member.id().value();
        }

        long project() {
            return member.project().value();
        }
    }

    // ---------------------------------------------------------------------------------------------- chats

    @Override
    public List<ChatSummary> chats(ContactId contact, MemberId viewer) {
        return chats(List.of(contact), viewer).getOrDefault(contact, List.of());
    }

    @Override
    public Map<ContactId, List<ChatSummary>> chats(Collection<ContactId> contacts, MemberId viewer) {
        if (contacts.isEmpty()) {
            return Map.of();
        }
        Viewer v = viewer(viewer);
        Set<Long> ids = contacts.stream().map(ContactId::value).collect(Collectors.toCollection(LinkedHashSet::new));
        List<ChatEntity> readable = unit.read((em, tx) -> readable(em, v, ids));
        Map<Long, List<ChatSummary>> byContact = new LinkedHashMap<>();
        for (ChatEntity c : readable) {
            byContact.computeIfAbsent(c.contactId().orElseThrow(), k -> new ArrayList<>()).add(c.toSummary());
        }
        Map<ContactId, List<ChatSummary>> result = new LinkedHashMap<>();
        for (Long id : ids) {
            List<ChatSummary> list = byContact.get(id);
            if (list != null) {
                result.put(new ContactId(id), List.copyOf(list));
            }
        }
        return result;
    }

    /**
     * The contacts' chats of the viewer's project that the viewer may read, newest activity first: one query for
     * the chats of every contact at once, one for the viewer's participation in them.
     */
    private static List<ChatEntity> readable(EntityManager em, Viewer v, Set<Long> contacts) {
        List<ChatEntity> chats = em.createQuery("select c from ChatEntity c where c.projectId = :p"
                        + " and c.contactId in :contacts order by c.lastActivity desc, c.id desc", ChatEntity.class)
                .setParameter("p", v.project()).setParameter("contacts", contacts).getResultList();
        Set<Long> participating = participating(em, v, chats);
        List<ChatEntity> readable = new ArrayList<>();
        for (ChatEntity c : chats) {
            if (ChatRules.decide(ChatAction.READ, context(c, v, participating)).allowed()) {
                readable.add(c);
            }
        }
        return readable;
    }

    /** Of these chats, those the viewer takes part in (TEAM-5). */
    private static Set<Long> participating(EntityManager em, Viewer v, List<ChatEntity> chats) {
        if (chats.isEmpty()) {
            return Set.of();
        }
        // ids come from the query above, never from a caller: inlined as numbers
        String in = chats.stream().map(c -> String.valueOf(c.id())).collect(Collectors.joining(", ", "(", ")"));
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select chat_id from chat_participant where member_id = ?1"
                + " and chat_id in " + in).setParameter(1, v.id()).getResultList();
        Set<Long> ids = new HashSet<>();
        rows.forEach(r -> ids.add(((Number) r).longValue()));
        return ids;
    }

    private static RuleContext context(ChatEntity c, Viewer v, Set<Long> participating) {
        Set<Relation> relations = EnumSet.noneOf(Relation.class);
        if (c.responsibleId().orElse(0L) == v.id()) {
            relations.add(Relation.RESPONSIBLE);
        }
        if (c.pendingHandoverId().orElse(0L) == v.id()) {
            relations.add(Relation.PENDING_RECEIVER);
        }
        if (participating.contains(c.id())) {
            relations.add(Relation.PARTICIPANT);
        }
        return new RuleContext(v.member().role(), v.member().rights(), relations, c.state(),
                ChatServiceImpl.visible(c.groupId(), v.member(), v.groups()), c.pendingHandoverId().isPresent());
    }

    // ---------------------------------------------------------------------------------------------- editing

    @Override
    public boolean mayEditCard(ContactId contact, MemberId member) {
        Optional<Member> found = members.find(member);
        if (found.isEmpty()) {
            return false;
        }
        Member m = found.get();
        Object[] row = unit.read((em, tx) -> (Object[]) em.createNativeQuery("select count(*),"
                        + " sum(case when c.responsible_id = ?3 then 1 else 0 end),"
                        + " sum(case when exists (select 1 from chat_participant p where p.chat_id = c.id"
                        + " and p.member_id = ?3) then 1 else 0 end)"
                        + " from chat c where c.contact_id = ?1 and c.project_id = ?2")
                .setParameter(1, contact.value()).setParameter(2, m.project().value())
                .setParameter(3, member.value()).getSingleResult());
        Set<Relation> relations = EnumSet.noneOf(Relation.class);
        if (count(row[1]) > 0) {
            relations.add(Relation.RESPONSIBLE);
        }
        if (count(row[2]) > 0) {
            relations.add(Relation.PARTICIPANT);
        }
        return ChatRules.editCard(m.role(), count(row[0]) > 0, relations).allowed();
    }

    private static long count(Object column) {
        return column == null ? 0 : ((Number) column).longValue();
    }

    // ---------------------------------------------------------------------------------------------- requests

    @Override
    public List<RequestSummary> requests(ContactId contact, MemberId viewer) {
        Viewer v = viewer(viewer);
        return unit.read((em, tx) -> {
            List<ChatEntity> chats = readable(em, v, Set.of(contact.value()));
            if (chats.isEmpty()) {
                return List.of();
            }
            Map<Long, String> channels = chats.stream()
                    .collect(Collectors.toMap(ChatEntity::id, ChatEntity::channel));
            String in = channels.keySet().stream().map(String::valueOf)
                    .collect(Collectors.joining(", ", "(", ")"));
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select r.id, r.chat_id, r.opened_at, m.text, r.closed_at,"
                            + " r.closed_by from request r left join message m on m.id = r.first_message_id"
                            + " where r.project_id = ?1 and r.chat_id in " + in
                            + " order by r.opened_at desc, r.id desc")
                    .setParameter(1, v.project()).getResultList();
            List<RequestSummary> requests = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
                long chat = ((Number) r[1]).longValue();
                requests.add(new RequestSummary(new RequestId(((Number) r[0]).longValue()), new ChatId(chat),
                        channels.get(chat), StoreTimes.instant(r[2]), r[3] == null ? "" : ChatEntity.shorten((String) r[3]),
                        Optional.ofNullable(StoreTimes.instant(r[4])),
                        Optional.ofNullable(r[5]).map(x -> new MemberId(((Number) x).longValue()))));
            }
            return requests;
        });
    }

    @Override
    public Page<Message> requestHistory(RequestId request, MemberId viewer, Optional<String> after, int size) {
        if (size < 1 || size > 200) {
            throw new InvalidInput("size", "must be 1 to 200");
        }
        Optional<Cursor> cursor = after.map(Cursor::decode);
        Viewer v = viewer(viewer);
        return unit.read((em, tx) -> {
            RequestEntity r = em.find(RequestEntity.class, request.value());
            if (r == null || r.projectId() != v.project()) {
                throw new NotFound("request", request);
            }
            ChatEntity c = em.find(ChatEntity.class, r.chatId());
            if (c == null || c.projectId() != v.project()) {
                throw new NotFound("request", request);
            }
            ChatRules.decide(ChatAction.READ, context(c, v, participating(em, v, List.of(c)))).require("read");
            // the request spans its chat's messages from its opening to its Done (MSG-4 messages included);
            // "created_at >= ?4" makes the cursor an index condition, as in ChatService.history
            Query q = em.createNativeQuery("select m.* from message m where m.chat_id = ?1 and m.created_at >= ?2"
                    + (r.closedAt().isPresent() ? " and m.created_at <= ?3" : "")
                    + cursor.map(x -> " and m.created_at >= ?4"
                            + " and (m.created_at > ?4 or (m.created_at = ?4 and m.id > ?5))").orElse("")
                    + " order by m.created_at, m.id limit " + (size + 1), MessageEntity.class)
                    .setParameter(1, c.id()).setParameter(2, StoreTimes.utc(r.openedAt()));
            r.closedAt().ifPresent(at -> q.setParameter(3, StoreTimes.utc(at)));
            cursor.ifPresent(x -> q.setParameter(4, StoreTimes.utc(x.lastActivity())).setParameter(5, x.id()));
            @SuppressWarnings("unchecked")
            List<MessageEntity> rows = q.getResultList();
            return Cursor.messages(em, rows, size);
        });
    }

    // ---------------------------------------------------------------------------------------------- card events

    @Override
    public void recordCardEvent(ContactId contact, SystemEvent event) {
        // an event a member caused goes into the chats of that member's project only
        Optional<Long> actorsProject = actorOf(event).map(by -> members.find(by)
                .orElseThrow(() -> new NotFound("member", by)).project().value());
        unit.inTransaction((em, tx) -> {
            Instant now = clock.instant();
            List<long[]> written = new ArrayList<>();
            List<Object[]> chats = actorsProject.isPresent()
                    ? chatsOf(em, "c.contact_id = ?1 and c.project_id = ?2", contact.value(), actorsProject.get())
                    : chatsOf(em, "c.contact_id = ?1", contact.value(), null);
            for (Object[] chat : chats) {
                long project = ((Number) chat[1]).longValue();
                long id = ((Number) chat[0]).longValue();
                MessageEntity m = MessageEntity.system(project, id, event, now);
                em.persist(m);
                em.flush();
                written.add(new long[] {project, id, m.id()});
            }
            tx.afterCommit(() -> written.forEach(w -> events.messageAdded(w[0], w[1], w[2])));
            return null;
        });
    }

    @Override
    public void moveChats(ContactId other, ContactId survivor, MemberId actor, String otherName) {
        if (other.equals(survivor)) {
            throw new InvalidInput("other", "a card cannot be merged into itself");
        }
        Member a = members.find(actor).orElseThrow(() -> new NotFound("member", actor));
        long project = a.project().value();
        SystemEvent merged = new SystemEvent.ContactsMerged(actor, otherName);
        unit.inTransaction((em, tx) -> {
            // neither card may have a chat in another project: that would move a chat across projects
            for (ContactId c : List.of(other, survivor)) {
                if (!chatsOf(em, "c.contact_id = ?1 and c.project_id <> ?2", c.value(), project).isEmpty()) {
                    throw new NotFound("contact", c);
                }
            }
            List<Long> moved = chatsOf(em, "c.contact_id = ?1 and c.project_id = ?2", other.value(), project)
                    .stream().map(r -> ((Number) r[0]).longValue()).toList();
            if (!moved.isEmpty()) {
                em.createNativeQuery("update chat set contact_id = ?1 where contact_id = ?2 and project_id = ?3")
                        .setParameter(1, survivor.value()).setParameter(2, other.value())
                        .setParameter(3, project).executeUpdate();
            }
            Instant now = clock.instant();
            List<long[]> written = new ArrayList<>();
            for (Object[] chat : chatsOf(em, "c.contact_id = ?1 and c.project_id = ?2", survivor.value(),
                    project)) {
                long id = ((Number) chat[0]).longValue();
                // run again after it committed, nothing moves and every chat has its message already
                if (moved.isEmpty() && alreadyMerged(em, id, actor, otherName)) {
                    continue;
                }
                MessageEntity m = MessageEntity.system(project, id, merged, now);
                em.persist(m);
                em.flush();
                written.add(new long[] {id, m.id()});
            }
            tx.afterCommit(() -> {
                moved.forEach(id -> events.chatChanged(project, id));
                written.forEach(w -> events.messageAdded(project, w[0], w[1]));
            });
            return null;
        });
    }

    /** The member a card event names as its cause, if it names one. */
    private static Optional<MemberId> actorOf(SystemEvent event) {
        if (event instanceof SystemEvent.StatusChanged e) {
            return Optional.of(e.by());
        }
        if (event instanceof SystemEvent.TagsChanged e) {
            return Optional.of(e.by());
        }
        if (event instanceof SystemEvent.Subscribed e) {
            return Optional.of(e.by());
        }
        if (event instanceof SystemEvent.Unsubscribed e) {
            return Optional.of(e.by());
        }
        if (event instanceof SystemEvent.SentToCrm e) {
            return Optional.of(e.by());
        }
        if (event instanceof SystemEvent.ContactsMerged e) {
            return Optional.of(e.by());
        }
        return Optional.empty();
    }

    /** Id and project of each chat matching {@code where} (over alias {@code c}), oldest first. */
    private static List<Object[]> chatsOf(EntityManager em, String where, long first, Long second) {
        Query q = em.createNativeQuery("select c.id, c.project_id from chat c where " + where + " order by c.id")
                .setParameter(1, first);
        if (second != null) {
            q.setParameter(2, second);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows;
    }

    private static boolean alreadyMerged(EntityManager em, long chat, MemberId actor, String otherName) {
        return !em.createNativeQuery("select id from message where chat_id = ?1 and kind = 'SYSTEM'"
                        + " and event_type = 'ContactsMerged' and event_by = ?2 and event_args = ?3")
                .setParameter(1, chat).setParameter(2, actor.value()).setParameter(3, otherName)
                .setMaxResults(1).getResultList().isEmpty();
    }

    private Viewer viewer(MemberId id) {
        Member m = members.find(id).orElseThrow(() -> new NotFound("member", id));
        return new Viewer(m, groups.list(m.project()));
    }
}
