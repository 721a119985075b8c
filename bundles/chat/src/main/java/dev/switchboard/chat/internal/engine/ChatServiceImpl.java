package dev.switchboard.chat.internal.engine;

import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.channel.ChannelCapabilities;
import dev.switchboard.api.chat.Origin;
import dev.switchboard.api.chat.SendConditions;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.chat.internal.connection.ConnectorRegistry;
import dev.switchboard.chat.internal.connection.Connections;
import dev.switchboard.chat.internal.outbox.OutboxRows;
import dev.switchboard.chat.internal.store.AttachmentRows;
import java.io.InputStream;
import java.util.ArrayList;
import dev.switchboard.api.store.StoreFailures;
import dev.switchboard.api.chat.ChatAction;
import dev.switchboard.api.chat.ChatService;
import dev.switchboard.api.chat.ChatState;
import dev.switchboard.api.chat.ChatView;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.chat.MessageKind;
import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.AlreadyTaken;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreException;
import dev.switchboard.api.team.Group;
import dev.switchboard.api.team.GroupService;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.chat.internal.inbox.Cursor;
import dev.switchboard.chat.internal.rules.ChatRules;
import dev.switchboard.chat.internal.rules.Relation;
import dev.switchboard.chat.internal.rules.RuleContext;
import dev.switchboard.chat.internal.store.ChatEntity;
import dev.switchboard.chat.internal.store.ChatUnit;
import dev.switchboard.chat.internal.store.MessageEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;

/**
 * The chat engine's actions (DIST-1..3, TEAM-1..7, WIN-3, WIN-5, INB-3..5, MSG-3, MSG-4). Every write asks
 * {@link ChatRules} first, then changes the chat and stores its typed system message in the same transaction, and
 * posts events only after the commit. Races are decided by the database: a take is a conditional update on
 * {@code state = 'NEW'}; every other change is checked against the chat's version, so the loser gets a
 * {@link Conflict} and writes nothing.
 * <p>
 * Members and groups live in the team bundle's unit; they are read before the chat transaction opens, so a chat
 * transaction never waits for a second pool connection.
 * <p>
 * Every id is looked up in the acting member's project: a chat, message, group, file or member of another project
 * is {@link NotFound}, exactly as an id that names nothing, and nothing is written (issue 12). Only then do the rules
 * speak, so {@link dev.switchboard.api.error.NotAllowed} never tells an outsider that something exists.
 */
@Component(service = ChatService.class)
public final class ChatServiceImpl implements ChatService {

    static final int MAX_TEXT = 10_000;

    private final PersistenceUnit unit;
    private final MemberService members;
    private final GroupService groups;
    private final ChatEventPublisher events;
    private final Outbox outbox;
    private final Connections connections;
    private final ConnectorRegistry connectors;
    private final FileStore files;
    private final Clock clock;

    @Activate
    public ChatServiceImpl(@Reference ChatUnit unit, @Reference MemberService members,
                           @Reference GroupService groups, @Reference EventAdmin eventAdmin,
                           @Reference Outbox outbox, @Reference Connections connections,
                           @Reference ConnectorRegistry connectors, @Reference FileStore files) {
        this(unit.unit(), members, groups, eventAdmin, outbox, connections, connectors, files, Clock.systemUTC());
    }

    /* Outside OSGi (tests, benchmarks): a factory, so the component keeps one public constructor per arity. */
    public static ChatServiceImpl on(PersistenceUnit unit, MemberService members, GroupService groups,
                                     EventAdmin eventAdmin, Outbox outbox, Connections connections,
                                     ConnectorRegistry connectors, FileStore files, Clock clock) {
        return new ChatServiceImpl(unit, members, groups, eventAdmin, outbox, connections, connectors, files, clock);
    }

    private ChatServiceImpl(PersistenceUnit unit, MemberService members, GroupService groups, EventAdmin eventAdmin,
                            Outbox outbox, Connections connections, ConnectorRegistry connectors, FileStore files,
                            Clock clock) {
        this.unit = unit;
        this.members = members;
        this.groups = groups;
        this.events = new ChatEventPublisher(eventAdmin);
        this.outbox = outbox;
        this.connections = connections;
        this.connectors = connectors;
        this.files = files;
        this.clock = clock;
    }

    /** The acting member with the groups of their project, read before any chat transaction. */
    private record Actor(Member member, List<Group> groups) {
        long id() {
            return member.id().value();
        }

        boolean sees(ChatEntity chat) {
            return visible(chat.groupId(), member, groups);
        }
    }

    /** A taker who lost: the winner is named outside the transaction (the name lives in the team unit). */
    private static final class Lost extends RuntimeException {
        private final long winner;

        Lost(long winner) {
            super(null, null, false, false);
            this.winner = winner;
        }
    }

    // ---------------------------------------------------------------------------------------------- reads

    @Override
    public ChatView get(ChatId chat, MemberId viewer) {
        Actor a = actor(viewer);
        return unit.read((em, tx) -> {
            ChatEntity c = load(em, chat, a);
            require(ChatAction.READ, context(em, c, a));
            return view(em, c);
        });
    }

    @Override
    public Page<Message> history(ChatId chat, MemberId viewer, Optional<String> before, int size) {
        if (size < 1 || size > 200) {
            throw new InvalidInput("size", "must be 1 to 200");
        }
        Optional<Cursor> cursor = before.map(Cursor::decode);
        Actor a = actor(viewer);
        return unit.read((em, tx) -> {
            ChatEntity c = load(em, chat, a);
            require(ChatAction.READ, context(em, c, a));
            Query q = em.createNativeQuery("select m.* from message m where m.chat_id = ?1"
                    // "created_at <= ?2" makes the cursor an index condition (see InboxQueries.page)
                    + cursor.map(x -> " and m.created_at <= ?2"
                            + " and (m.created_at < ?2 or (m.created_at = ?2 and m.id < ?3))").orElse("")
                    + " order by m.created_at desc, m.id desc limit " + (size + 1), MessageEntity.class)
                    .setParameter(1, c.id());
            cursor.ifPresent(x -> q.setParameter(2, StoreTimes.utc(x.lastActivity())).setParameter(3, x.id()));
            @SuppressWarnings("unchecked")
            List<MessageEntity> rows = q.getResultList();
            return Cursor.messages(em, rows, size);
        });
    }

    @Override
    public Set<ChatAction> allowedActions(ChatId chat, MemberId viewer) {
        Actor a = actor(viewer);
        return unit.read((em, tx) -> ChatRules.allowed(context(em, load(em, chat, a), a)));
    }

    // ---------------------------------------------------------------------------------------------- distribution

    @Override
    public ChatView take(ChatId chat, MemberId actor) {
        Actor a = actor(actor);
        return claim(chat, a, a, ChatAction.TAKE, new SystemEvent.Took(actor));
    }

    @Override
    public ChatView assign(ChatId chat, MemberId actor, MemberId to) {
        Actor a = actor(actor);
        Actor target = target(to, a);
        return claim(chat, a, target, ChatAction.ASSIGN, new SystemEvent.Assigned(actor, to));
    }

    /**
     * Take (DIST-1) and assign (DIST-2): the first conditional update on a New chat wins; the others are told who
     * won. On a repeat request the previous responsible joins as a participant unless they are the new one
     * (TEAM-2).
     */
    private ChatView claim(ChatId chat, Actor a, Actor to, ChatAction action, SystemEvent event) {
        try {
            return unit.inTransaction((em, tx) -> {
                ChatEntity c = load(em, chat, a);
                RuleContext ctx = context(em, c, a);
                // the rules are asked as if the chat were still New: a member who may not take at all is told so,
                // one who merely came second is told who won
                RuleContext asNew = new RuleContext(ctx.role(), ctx.rights(), ctx.relations(), ChatState.NEW,
                        ctx.groupVisible(), false);
                require(action, asNew);
                if (action == ChatAction.ASSIGN) {
                    ChatRules.target(to.member().project().equals(a.member().project()), to.sees(c))
                            .require("assign to member " + to.member().id());
                }
                if (c.state() != ChatState.NEW) {
                    throw c.responsibleId().<RuntimeException>map(Lost::new)
                            .orElseGet(() -> new Conflict("error.conflict", "the chat is no longer new", List.of()));
                }
                int won = em.createNativeQuery("update chat set state = 'ACTIVE', responsible_id = ?1,"
                                + " pending_handover_id = null, repeat_request = false, version = version + 1"
                                + " where id = ?2 and state = 'NEW'")
                        .setParameter(1, to.id()).setParameter(2, c.id()).executeUpdate();
                if (won == 0) {
                    Object winner = em.createNativeQuery("select responsible_id from chat where id = ?1")
                            .setParameter(1, c.id()).getSingleResult();
                    if (winner == null) {
                        throw new Conflict("error.conflict", "the chat changed meanwhile", List.of());
                    }
                    throw new Lost(((Number) winner).longValue());
                }
                Optional<Long> previous = c.previousResponsibleId();
                if (c.repeatRequest() && previous.isPresent() && previous.get() != to.id()) {
                    addParticipantRow(em, c.id(), previous.get());
                }
                removeParticipantRow(em, c.id(), to.id());
                em.refresh(c);
                return finish(em, tx, c, event, clock.instant());
            });
        } catch (Lost lost) {
            MemberId winner = new MemberId(lost.winner);
            throw new AlreadyTaken(winner, members.find(winner).map(Member::displayName).orElse("member " + winner));
        }
    }

    // ---------------------------------------------------------------------------------------------- hand-over

    @Override
    public ChatView handOver(ChatId chat, MemberId actor, MemberId to) {
        Actor a = actor(actor);
        Actor target = target(to, a);
        return change(chat, a, ChatAction.HAND_OVER, (em, c, now) -> {
            ChatRules.target(target.member().project().equals(a.member().project()), target.sees(c))
                    .require("hand over to member " + to);
            if (to.equals(actor)) {
                throw new InvalidInput("to", "you are the responsible already");
            }
            c.setPendingHandoverId(to.value());
            return new SystemEvent.HandedOver(actor, to);
        });
    }

    @Override
    public ChatView acceptHandover(ChatId chat, MemberId actor) {
        Actor a = actor(actor);
        return change(chat, a, ChatAction.ACCEPT_HANDOVER, (em, c, now) -> {
            c.setResponsibleId(a.id());
            c.setPendingHandoverId(null);
            removeParticipantRow(em, c.id(), a.id());
            return new SystemEvent.HandoverAccepted(actor);
        });
    }

    @Override
    public ChatView declineHandover(ChatId chat, MemberId actor) {
        Actor a = actor(actor);
        return change(chat, a, ChatAction.DECLINE_HANDOVER, (em, c, now) -> {
            c.setPendingHandoverId(null);
            return new SystemEvent.HandoverDeclined(actor);
        });
    }

    // ---------------------------------------------------------------------------------------------- participants

    @Override
    public ChatView addParticipant(ChatId chat, MemberId actor, MemberId member) {
        Actor a = actor(actor);
        Actor target = target(member, a);
        return change(chat, a, ChatAction.ADD_PARTICIPANT, (em, c, now) -> {
            ChatRules.target(target.member().project().equals(a.member().project()), target.sees(c))
                    .require("add member " + member);
            if (c.responsibleId().orElse(0L) == member.value() || participants(em, c.id()).contains(member)) {
                throw new InvalidInput("member", "already in the chat");
            }
            addParticipantRow(em, c.id(), member.value());
            return new SystemEvent.ParticipantAdded(actor, member);
        });
    }

    @Override
    public ChatView removeParticipant(ChatId chat, MemberId actor, MemberId member) {
        Actor a = actor(actor);
        target(member, a);
        return change(chat, a, ChatAction.REMOVE_PARTICIPANT, (em, c, now) -> {
            if (removeParticipantRow(em, c.id(), member.value()) == 0) {
                throw new InvalidInput("member", "not a participant of the chat");
            }
            return new SystemEvent.ParticipantRemoved(actor, member);
        });
    }

    @Override
    public ChatView leave(ChatId chat, MemberId actor) {
        Actor a = actor(actor);
        return change(chat, a, ChatAction.LEAVE, (em, c, now) -> {
            removeParticipantRow(em, c.id(), a.id());
            return new SystemEvent.Left(actor);
        });
    }

    // ---------------------------------------------------------------------------------------------- routing

    @Override
    public ChatView forward(ChatId chat, MemberId actor, GroupId group) {
        Actor a = actor(actor);
        Group g = a.groups().stream().filter(x -> x.id().equals(group)).findFirst()
                .orElseThrow(() -> new NotFound("group", group));
        return change(chat, a, ChatAction.FORWARD, (em, c, now) -> {
            // TEAM-4: into the group's New; whoever handled it stays visible there as the previous responsible
            c.setPreviousResponsibleId(c.responsibleId().orElse(null));
            c.setResponsibleId(null);
            c.setPendingHandoverId(null);
            c.setRepeatRequest(false);
            c.setGroupId(g.id().value());
            c.setState(ChatState.NEW);
            clearParticipants(em, c.id());
            return new SystemEvent.Forwarded(Optional.of(actor), group);
        });
    }

    @Override
    public ChatView done(ChatId chat, MemberId actor) {
        Actor a = actor(actor);
        return change(chat, a, ChatAction.DONE, (em, c, now) -> {
            // the responsible stays on the row, so Done lists the chat as theirs (INB-6); participants leave with
            // the closed request, and TEAM-2 brings the previous responsible back if someone else takes the next
            c.setState(ChatState.DONE);
            c.setPreviousResponsibleId(a.id());
            c.setPendingHandoverId(null);
            clearParticipants(em, c.id());
            em.createNativeQuery("update request set closed_at = ?1, closed_by = ?2 where chat_id = ?3"
                            + " and closed_at is null")
                    .setParameter(1, StoreTimes.utc(now)).setParameter(2, a.id()).setParameter(3, c.id())
                    .executeUpdate();
            return new SystemEvent.Closed(actor);
        });
    }

    @Override
    public ChatView takeOver(ChatId chat, MemberId actor) {
        Actor a = actor(actor);
        return change(chat, a, ChatAction.TAKE_OVER, (em, c, now) -> {
            MemberId from = new MemberId(c.responsibleId().orElseThrow());
            c.setResponsibleId(a.id());
            c.setPendingHandoverId(null);
            removeParticipantRow(em, c.id(), a.id());
            return new SystemEvent.TookOver(actor, from);
        });
    }

    // ---------------------------------------------------------------------------------------------- messages

    @Override
    public Message send(ChatId chat, MemberId actor, String text, List<FileId> fileIds,
                        Optional<String> idempotencyKey) {
        Optional<String> key = idempotencyKey.map(String::strip).filter(k -> !k.isEmpty());
        if (key.isPresent() && key.get().length() > 200) {
            throw new InvalidInput("idempotencyKey", "at most 200 characters");
        }
        List<FileId> attached = List.copyOf(new LinkedHashSet<>(fileIds));
        if (attached.size() > SendRules.MAX_FILES) {
            throw new InvalidInput("files", "at most " + SendRules.MAX_FILES + " files in one message");
        }
        String body = text == null ? "" : text.strip().isEmpty() ? "" : text;
        if (body.isEmpty() && attached.isEmpty()) {
            throw new InvalidInput("text", "must not be empty");
        }
        Actor a = actor(actor);
        Optional<Message> earlier = key.flatMap(k -> unit.read((em, tx) -> byKey(em, chat.value(), k)
                .filter(m -> m.projectId() == a.member().project().value()).map(m -> record(em, m))));
        if (earlier.isPresent()) {
            // a repeated send (a double click, a retry on a weak connection): the message stored the first time
            return earlier.get();
        }
        Sendable target = sendable(chat, a, Origin.MANAGER);
        if (body.length() > target.conditions().maxTextLength()) {
            throw new InvalidInput("text", "at most " + target.conditions().maxTextLength() + " characters on this channel");
        }
        List<StoredFile> outgoing = outgoing(attached, a, target);
        outgoing.forEach(f -> files.claim(f.id()));
        try {
            return unit.inTransaction((em, tx) -> {
                ChatEntity c = load(em, chat, a);
                Optional<MessageEntity> raced = key.flatMap(k -> byKey(em, c.id(), k));
                if (raced.isPresent()) {
                    return record(em, raced.get());
                }
                require(ChatAction.SEND, context(em, c, a));
                Instant now = clock.instant();
                MessageEntity m = MessageEntity.outbound(c.projectId(), c.id(), a.id(), body, key.orElse(null), now);
                em.persist(m);
                em.flush();
                for (int i = 0; i < outgoing.size(); i++) {
                    AttachmentRows.ready(em, m.id(), c.projectId(), i, outgoing.get(i));
                }
                OutboxRows.enqueue(em, m.id(), c.id(), c.projectId(), target.connection(), c.channel(), now);
                touch(em, c.id(), now, summary(body, outgoing));
                tx.afterCommit(() -> {
                    events.messageAdded(c.projectId(), c.id(), m.id());
                    events.chatChanged(c.projectId(), c.id());
                    outbox.nudge();
                });
                return record(em, m);
            });
        } catch (StoreException e) {
            if (key.isPresent() && StoreFailures.uniqueViolation(e)) {
                // a concurrent send with the same key committed first: answer with its message
                return unit.read((em, tx) -> byKey(em, chat.value(), key.get()).map(m -> record(em, m))
                        .orElseThrow(() -> e));
            }
            throw e;
        }
    }

    @Override
    public SendConditions sendConditions(ChatId chat, MemberId viewer) {
        Actor a = actor(viewer);
        ChatEntity c = unit.read((em, tx) -> {
            ChatEntity loaded = load(em, chat, a);
            require(ChatAction.READ, context(em, loaded, a));
            return loaded;
        });
        return conditions(c, Origin.MANAGER);
    }

    @Override
    public StoredFile upload(ChatId chat, MemberId actor, String name, InputStream content) {
        Actor a = actor(actor);
        Sendable target = sendable(chat, a, Origin.MANAGER);
        if (target.conditions().files().maxBytes().isEmpty()) {
            throw new InvalidInput("file.kind", "this channel takes no files");
        }
        return files.store(a.member().project(), name, content, target.conditions().files());
    }

    /** A chat the actor may send in now, with its connection and conditions. */
    private record Sendable(long connection, String channel, SendConditions conditions) {
    }

    /** Checks that the actor may send in the chat and that it takes messages now; throws why not. */
    private Sendable sendable(ChatId chat, Actor a, Origin origin) {
        ChatEntity c = unit.read((em, tx) -> {
            ChatEntity loaded = load(em, chat, a);
            require(ChatAction.SEND, context(em, loaded, a));
            return loaded;
        });
        long connection = c.connectionId().orElseThrow(
                () -> new InvalidInput("chat", "the chat has no channel connection"));
        SendConditions conditions = conditions(c, origin);
        conditions.unavailable().ifPresent(u -> {
            throw new Conflict("error.send." + u.reason().name(), u.detail(), List.of(u.detail()));
        });
        return new Sendable(connection, c.channel(), conditions);
    }

    private SendConditions conditions(ChatEntity c, Origin origin) {
        return SendRules.conditions(connectors.capabilities(c.channel()),
                c.connectionId().flatMap(id -> connections.live(new ConnectionId(id))), c.unreachableReason(),
                c.clientLastWrote(), origin, clock.instant());
    }

    /**
     * The files to send, checked against the channel (INP-2, INP-3): uploads of the actor's project, of a kind and
     * size the channel takes; images in a format the channel does not take are sent as a JPEG copy.
     */
    private List<StoredFile> outgoing(List<FileId> attached, Actor a, Sendable target) {
        List<StoredFile> out = new ArrayList<>();
        Optional<ChannelCapabilities> caps = connectors.capabilities(target.channel());
        for (FileId id : attached) {
            // a file of another project is unknown, as one that does not exist (issue 12)
            StoredFile uploaded = files.find(id).filter(x -> x.project().equals(a.member().project()))
                    .orElseThrow(() -> new NotFound("file", id));
            // INP-2: png where the channel takes only jpg and gif; a copy, so the upload stays as it was
            StoredFile f = uploaded.kind() == MediaKind.IMAGE
                    && caps.map(x -> x.needsJpeg(uploaded.contentType())).orElse(false)
                    ? files.toJpeg(uploaded.id()) : uploaded;
            long max = target.conditions().files().of(f.kind()).orElseThrow(() -> new InvalidInput("file.kind",
                    "this channel does not take " + f.kind().name().toLowerCase(java.util.Locale.ROOT) + " files"));
            if (f.size() > max) {
                throw new InvalidInput("file.tooLarge", f.name() + " is larger than this channel takes ("
                        + (max / FileLimits.MB) + " MB)");
            }
            out.add(f);
        }
        return out;
    }

    @Override
    public Message note(ChatId chat, MemberId actor, String text) {
        String body = text(text);
        Actor a = actor(actor);
        return unit.inTransaction((em, tx) -> {
            ChatEntity c = load(em, chat, a);
            require(ChatAction.NOTE, context(em, c, a));
            MessageEntity m = MessageEntity.note(c.projectId(), c.id(), a.id(), body, clock.instant());
            em.persist(m);
            em.flush();
            tx.afterCommit(() -> events.messageAdded(c.projectId(), c.id(), m.id()));
            return m.toRecord();
        });
    }

    @Override
    public Message retry(MessageId message, MemberId actor) {
        Actor a = actor(actor);
        Optional<Long> chatOf = unit.read((em, tx) -> Optional.ofNullable(em.find(MessageEntity.class, message.value()))
                .filter(m -> m.projectId() == a.member().project().value()).map(MessageEntity::chatId));
        // the chat must take messages now (connection on, client reachable): the same checks as a new send
        Sendable target = sendable(new ChatId(chatOf.orElseThrow(() -> new NotFound("message", message))), a,
                Origin.MANAGER);
        return unit.inTransaction((em, tx) -> {
            MessageEntity m = em.find(MessageEntity.class, message.value());
            ChatEntity c = load(em, new ChatId(m.chatId()), a);
            require(ChatAction.SEND, context(em, c, a));
            if (m.kind() != MessageKind.OUTBOUND) {
                throw new InvalidInput("message", "only messages to the client are delivered");
            }
            int requeued = em.createNativeQuery("update message set delivery = 'QUEUED', failure = null"
                    + " where id = ?1 and delivery = 'FAILED'").setParameter(1, m.id()).executeUpdate();
            if (requeued == 0) {
                throw new Conflict("error.notFailed", "the message has not failed", List.of());
            }
            OutboxRows.enqueue(em, m.id(), c.id(), c.projectId(), target.connection(), c.channel(), clock.instant());
            em.refresh(m);
            tx.afterCommit(() -> {
                events.deliveryChanged(c.projectId(), c.id(), m.id());
                outbox.nudge();
            });
            return record(em, m);
        });
    }

    // ---------------------------------------------------------------------------------------------- machinery

    @FunctionalInterface
    private interface Change {
        SystemEvent apply(EntityManager em, ChatEntity chat, Instant now);
    }

    /** Rules, change, version check, system message, events after commit: the shape of every non-take write. */
    private ChatView change(ChatId chat, Actor a, ChatAction action, Change change) {
        return unit.inTransaction((em, tx) -> {
            ChatEntity c = load(em, chat, a);
            require(action, context(em, c, a));
            // one instant for the change and its system message: Done's close time bounds the request's history
            // (CARD-7), and its Closed message must fall inside it
            Instant now = clock.instant();
            SystemEvent event;
            try {
                // a native statement inside the change flushes the entity first, so the version check may fire
                // there already
                event = change.apply(em, c, now);
                // participant rows are not columns of the chat: the forced increment makes every change a version
                // check
                em.lock(c, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
                em.flush();
            } catch (PersistenceException e) {
                if (StoreFailures.lostVersionCheck(e)) {
                    throw new Conflict("error.conflict", "the chat changed meanwhile: " + action, List.of());
                }
                throw e;
            }
            return finish(em, tx, c, event, now);
        });
    }

    private ChatView finish(EntityManager em, PersistenceUnit.Transaction tx, ChatEntity c, SystemEvent event,
                            Instant at) {
        MessageEntity m = MessageEntity.system(c.projectId(), c.id(), event, at);
        em.persist(m);
        em.flush();
        long project = c.projectId();
        long id = c.id();
        tx.afterCommit(() -> {
            events.chatChanged(project, id);
            events.messageAdded(project, id, m.id());
        });
        return view(em, c);
    }

    private Actor actor(MemberId id) {
        Member m = members.find(id).orElseThrow(() -> new NotFound("member", id));
        return new Actor(m, groups.list(m.project()));
    }

    /** A member the actor names (to assign, hand over, add or remove): one of another project is not found. */
    private Actor target(MemberId id, Actor a) {
        Member m = members.find(id).filter(x -> x.project().equals(a.member().project()))
                .orElseThrow(() -> new NotFound("member", id));
        return new Actor(m, a.groups());
    }

    /** Whether a chat's group is open to the member (GRP-3, DIST-3); shared by every reader of chats. */
    public static boolean visible(Optional<Long> group, Member member, List<Group> groups) {
        if (group.isEmpty()) {
            return true;
        }
        // a group deleted meanwhile restricts nobody
        return groups.stream().filter(g -> g.id().value() == group.get()).findFirst()
                .map(g -> g.visibleTo(member)).orElse(true);
    }

    private static ChatEntity load(EntityManager em, ChatId id, Actor a) {
        ChatEntity c = em.find(ChatEntity.class, id.value());
        if (c == null || c.projectId() != a.member().project().value()) {
            throw new NotFound("chat", id);
        }
        return c;
    }

    private static RuleContext context(EntityManager em, ChatEntity c, Actor a) {
        Set<Relation> relations = EnumSet.noneOf(Relation.class);
        if (c.responsibleId().orElse(0L) == a.id()) {
            relations.add(Relation.RESPONSIBLE);
        }
        if (c.pendingHandoverId().orElse(0L) == a.id()) {
            relations.add(Relation.PENDING_RECEIVER);
        }
        if (participants(em, c.id()).contains(a.member().id())) {
            relations.add(Relation.PARTICIPANT);
        }
        return new RuleContext(a.member().role(), a.member().rights(), relations, c.state(), a.sees(c),
                c.pendingHandoverId().isPresent());
    }

    private static void require(ChatAction action, RuleContext context) {
        ChatRules.decide(action, context).require(action.name().toLowerCase());
    }

    static Set<MemberId> participants(EntityManager em, long chat) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(
                "select member_id from chat_participant where chat_id = ?1 order by member_id")
                .setParameter(1, chat).getResultList();
        Set<MemberId> ids = new LinkedHashSet<>();
        rows.forEach(r -> ids.add(new MemberId(((Number) r).longValue())));
        return ids;
    }

    private static void addParticipantRow(EntityManager em, long chat, long member) {
        if (!participants(em, chat).contains(new MemberId(member))) {
            em.createNativeQuery("insert into chat_participant (chat_id, member_id) values (?1, ?2)")
                    .setParameter(1, chat).setParameter(2, member).executeUpdate();
        }
    }

    private static int removeParticipantRow(EntityManager em, long chat, long member) {
        return em.createNativeQuery("delete from chat_participant where chat_id = ?1 and member_id = ?2")
                .setParameter(1, chat).setParameter(2, member).executeUpdate();
    }

    private static void clearParticipants(EntityManager em, long chat) {
        em.createNativeQuery("delete from chat_participant where chat_id = ?1").setParameter(1, chat).executeUpdate();
    }

    /** A stored message with its files. */
    private static Message record(EntityManager em, MessageEntity m) {
        return m.toRecord(AttachmentRows.of(em, List.of(m.id())).getOrDefault(m.id(), List.of()));
    }

    /** The inbox's line for a message: its text, or the names of its files. */
    static String summary(String text, List<StoredFile> attached) {
        if (!text.isBlank() || attached.isEmpty()) {
            return text;
        }
        return attached.stream().map(f -> "\uD83D\uDCCE " + f.name()).collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Last activity and last message without a version bump: a message is not a change of the chat's state, so
     * it must not make a concurrent take or Done lose its version check.
     */
    public static void touch(EntityManager em, long chat, Instant at, String text) {
        em.createNativeQuery("update chat set last_activity = case when last_activity < ?1 then ?1"
                        + " else last_activity end, last_message = ?2 where id = ?3")
                .setParameter(1, StoreTimes.utc(at)).setParameter(2, ChatEntity.shorten(text)).setParameter(3, chat)
                .executeUpdate();
    }

    private static Optional<MessageEntity> byKey(EntityManager em, long chat, String key) {
        @SuppressWarnings("unchecked")
        List<MessageEntity> rows = em.createNativeQuery(
                "select m.* from message m where m.chat_id = ?1 and m.idempotency_key = ?2", MessageEntity.class)
                .setParameter(1, chat).setParameter(2, key).getResultList();
        return rows.stream().findFirst();
    }

    static String text(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput("text", "must not be empty");
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidInput("text", "at most " + MAX_TEXT + " characters");
        }
        return text;
    }

    static ChatView view(EntityManager em, ChatEntity c) {
        return new ChatView(new ChatId(c.id()), new ProjectId(c.projectId()),
                c.connectionId().map(ConnectionId::new).orElse(null), c.channel(), c.clientName(), c.state(),
                c.groupId().map(GroupId::new), c.responsibleId().map(MemberId::new),
                c.previousResponsibleId().map(MemberId::new), participants(em, c.id()),
                c.pendingHandoverId().map(MemberId::new), c.lastActivity(),
                c.contactId().map(ContactId::new), c.unreachableReason(), c.clientLastWrote());
    }
}
