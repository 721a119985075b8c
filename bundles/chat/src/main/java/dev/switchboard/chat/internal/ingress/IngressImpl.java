package dev.switchboard.chat.internal.ingress;

import dev.switchboard.api.channel.InboundAttachment;
import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.chat.internal.connection.ConnectorRegistry;
import dev.switchboard.chat.internal.connection.Connections;
import dev.switchboard.chat.internal.connection.LiveConnection;
import dev.switchboard.chat.internal.engine.Reachability;
import dev.switchboard.chat.internal.fetch.Fetches;
import dev.switchboard.chat.internal.store.AttachmentRows;
import java.util.Locale;
import dev.switchboard.api.store.StoreFailures;
import dev.switchboard.api.card.ContactDirectory;
import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.chat.ChatState;
import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.interactions.ContactSources;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreException;
import dev.switchboard.api.team.Group;
import dev.switchboard.api.team.GroupService;
import dev.switchboard.chat.internal.engine.ChatEventPublisher;
import dev.switchboard.chat.internal.engine.ChatServiceImpl;
import dev.switchboard.chat.internal.store.ChatEntity;
import dev.switchboard.chat.internal.store.ChatUnit;
import dev.switchboard.chat.internal.store.MessageEntity;
import dev.switchboard.chat.internal.store.RequestEntity;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's door for client messages (INB-1, INB-3, GRP-2, CARD-1, CARD-2, CARD-7, CARD-8). One transaction per
 * message, idempotent on (connection, external message id): the client's chat row is locked first, so deliveries
 * for one client are serialised and a redelivery finds the stored message; two first messages of a new client
 * race on the chat's unique key, and the loser runs again and finds what the winner stored. Nothing is answered
 * before the commit.
 * <p>
 * The client's card is identified before the chat transaction (the contact directory has its own unit, and a chat
 * transaction must not wait for a second pool connection) and linked to the chat in it. The sources the message
 * reports are recorded after the commit and before the answer, also for a redelivery: the sources API is
 * idempotent and the time recorded is the stored message's, so a platform retrying after a failure there loses
 * nothing and stores nothing twice. Invalid tracking values never refuse the client's message.
 * <p>
 * Bundles get the {@link Ingress} through {@link dev.switchboard.chat.internal.scope.ScopedIngress}, which lets a
 * channel bundle reach the connections of its own types only (issue 12).
 */
@Component(service = IngressImpl.class)
public final class IngressImpl implements Ingress {

    private static final Logger LOG = LoggerFactory.getLogger(IngressImpl.class);
    private static final int ATTEMPTS = 3;

    private final PersistenceUnit unit;
    private final Connections connections;
    private final ConnectorRegistry connectors;
    private final GroupService groups;
    private final ChatEventPublisher events;
    private final ContactDirectory contacts;
    private final ContactSources sources;
    private final Fetches fetches;
    private final InboundEvents other;
    private final Clock clock;

    @Activate
    public IngressImpl(@Reference ChatUnit unit, @Reference Connections connections,
                       @Reference ConnectorRegistry connectors, @Reference GroupService groups,
                       @Reference EventAdmin eventAdmin, @Reference ContactDirectory contacts,
                       @Reference ContactSources sources, @Reference Fetches fetches) {
        this(unit.unit(), connections, connectors, groups, eventAdmin, contacts, sources, fetches, Clock.systemUTC());
    }

    /* Outside OSGi (tests, benchmarks): a factory, so the component keeps one public constructor per arity. */
    public static IngressImpl on(PersistenceUnit unit, Connections connections, ConnectorRegistry connectors,
                                 GroupService groups, EventAdmin eventAdmin, ContactDirectory contacts,
                                 ContactSources sources, Fetches fetches, Clock clock) {
        return new IngressImpl(unit, connections, connectors, groups, eventAdmin, contacts, sources, fetches, clock);
    }

    private IngressImpl(PersistenceUnit unit, Connections connections, ConnectorRegistry connectors,
                        GroupService groups, EventAdmin eventAdmin, ContactDirectory contacts, ContactSources sources,
                        Fetches fetches, Clock clock) {
        this.unit = unit;
        this.connections = connections;
        this.connectors = connectors;
        this.groups = groups;
        this.events = new ChatEventPublisher(eventAdmin);
        this.contacts = contacts;
        this.sources = sources;
        this.fetches = fetches;
        this.other = new InboundEvents(unit, connections, events, contacts, fetches, clock);
        this.clock = clock;
    }

    /** What the chat transaction answers, with the stored message's time for the sources. */
    private record Stored(Received received, Instant at, boolean newClient) {
    }

    @Override
    public Received accept(InboundMessage message) {
        validate(message);
        LiveConnection live = InboundEvents.enabled(connections, message.connection());
        ChannelConnection connection = live.context().connection();
        // GRP-2: read before the chat transaction, which must not wait for a second pool connection
        Optional<GroupId> autoGroup = message.source().map(String::strip).filter(s -> !s.isEmpty())
                .flatMap(s -> groups.forSource(connection.project(), s)).map(Group::id);
        // CARD-1, CARD-2: idempotent, also when two first messages of a new client race
        ContactId contact = contacts.identify(connection.project(), connection.id(), message.externalUserId(),
                message.profile());
        FileLimits inbound = connectors.capabilities(connection.type()).map(c -> c.inbound())
                .orElse(FileLimits.SPEC);
        Stored stored = null;
        for (int attempt = 1; stored == null; attempt++) {
            try {
                stored = store(message, live, autoGroup, contact, inbound);
            } catch (StoreException e) {
                if (!StoreFailures.uniqueViolation(e) || attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.debug("Concurrent first delivery for a client of connection {}; storing again", connection.id());
            } catch (InboundEvents.Stale e) {
                // the connection changed since it was read (maybe on another node): read it again and check it
                connections.forget(connection.id());
                if (attempt == ATTEMPTS) {
                    throw new StoreException("connection " + connection.id() + " keeps changing");
                }
                live = InboundEvents.enabled(connections, message.connection());
            }
        }
        if (!stored.received().duplicate()) {
            fetches.profile(connection, contact, message.externalUserId(), message.profile().photo(),
                    stored.newClient());
        }
        recordSources(message, connection, contact, stored.at());
        return stored.received();
    }

    @Override
    public Optional<Received> apply(InboundEvent event) {
        if (event instanceof InboundMessage message) {
            return Optional.of(accept(message));
        }
        return other.apply(event);
    }

    private Stored store(InboundMessage in, LiveConnection live, Optional<GroupId> autoGroup, ContactId contact,
                         FileLimits inbound) {
        ChannelConnection connection = live.context().connection();
        return unit.inTransaction((em, tx) -> {
            long connectionId = connection.id().value();
            long project = connection.project().value();
            InboundEvents.checkVersion(em, live);
            Optional<ChatEntity> existing = lockChat(em, connectionId, in.externalUserId());
            if (existing.isPresent()) {
                Optional<MessageEntity> stored = stored(em, connectionId, in.externalMessageId());
                if (stored.isPresent()) {
                    return new Stored(new Received(new MessageId(stored.get().id()),
                            new ChatId(stored.get().chatId()), true), stored.get().at(), false);
                }
            }
            // the time as the database keeps it, so that the sources of a redelivery carry the same one
            Instant now = StoreTimes.utc(clock.instant()).toInstant();
            String name = in.profile().displayName();
            ChatEntity chat;
            boolean newRequest;
            List<SystemEvent> system = new ArrayList<>();
            if (existing.isEmpty()) {
                chat = ChatEntity.forClient(project, connectionId, connection.type(), in.externalUserId(), name, now);
                chat.setContactId(contact.value());
                em.persist(chat);
                em.flush();
                newRequest = true;
            } else {
                chat = existing.get();
                if (chat.contactId().orElse(0L) != contact.value()) {
                    // chats from before cards, or a client whose identity now belongs to another card: without a
                    // version bump, a card is not a change of the chat's state that a concurrent take must lose to
                    em.createNativeQuery("update chat set contact_id = ?1 where id = ?2")
                            .setParameter(1, contact.value()).setParameter(2, chat.id()).executeUpdate();
                    em.refresh(chat);
                }
                newRequest = chat.state() == ChatState.DONE;
                if (newRequest) {
                    // INB-3: the same chat, back in New with the previous responsible shown; TEAM-2 on the next take
                    chat.setState(ChatState.NEW);
                    chat.setResponsibleId(null);
                    chat.setPendingHandoverId(null);
                    chat.setRepeatRequest(true);
                    chat.setClientName(name);
                    system.add(new SystemEvent.Reopened());
                }
            }
            if (newRequest && autoGroup.isPresent()
                    && !autoGroup.get().equals(chat.groupId().map(GroupId::new).orElse(null))) {
                chat.setGroupId(autoGroup.get().value());
                system.add(new SystemEvent.Forwarded(Optional.empty(), autoGroup.get()));
            }
            List<Long> added = new ArrayList<>();
            for (SystemEvent event : system) {
                MessageEntity s = MessageEntity.system(project, chat.id(), event, now);
                em.persist(s);
                em.flush();
                added.add(s.id());
            }
            MessageEntity m = MessageEntity.inbound(project, chat.id(), connectionId, in.externalMessageId(),
                    in.text(), now);
            em.persist(m);
            em.flush();
            added.add(m.id());
            boolean toFetch = attachments(em, m.id(), project, in.attachments(), inbound, now);
            if (newRequest) {
                RequestEntity request = new RequestEntity(project, chat.id(), now);
                request.setFirstMessageId(m.id());
                em.persist(request);
            }
            em.flush();
            ChatServiceImpl.touch(em, chat.id(), now, in.text().isBlank() ? filesLine(in.attachments()) : in.text());
            // the client wrote: a platform's messaging window opens again, and a client who had blocked the bot
            // can be written to again (a blocked bot receives nothing)
            em.createNativeQuery("update chat set client_last_wrote = ?1 where id = ?2")
                    .setParameter(1, StoreTimes.utc(now)).setParameter(2, chat.id()).executeUpdate();
            Reachability.mark(em, tx, events, chat.id(), Optional.empty(), now);
            long chatId = chat.id();
            tx.afterCommit(() -> {
                events.chatChanged(project, chatId);
                added.forEach(id -> events.messageAdded(project, chatId, id));
                if (toFetch) {
                    fetches.nudge();
                }
            });
            return new Stored(new Received(new MessageId(m.id()), new ChatId(chatId), false), now,
                    existing.isEmpty());
        });
    }

    /**
     * The message's files (MSG-1), to fetch after the commit; a file the channel cannot download (over its limit,
     * of a kind it does not take) is kept as refused with the reason, so the team knows it was sent.
     *
     * @return whether any file waits for the fetch job
     */
    private static boolean attachments(EntityManager em, long message, long project, List<InboundAttachment> files,
                                       FileLimits inbound, Instant now) {
        boolean pending = false;
        for (int i = 0; i < files.size(); i++) {
            InboundAttachment a = files.get(i);
            Optional<Long> max = inbound.of(a.kind());
            if (max.isEmpty()) {
                AttachmentRows.refused(em, message, project, i, a, "this channel cannot download "
                        + a.kind().name().toLowerCase(Locale.ROOT) + " files");
            } else if (a.file().size().isPresent() && a.file().size().getAsLong() > max.get()) {
                AttachmentRows.refused(em, message, project, i, a, "larger than the "
                        + (max.get() / FileLimits.MB) + " MB this channel can download");
            } else {
                AttachmentRows.pending(em, message, project, i, a, now);
                pending = true;
            }
        }
        return pending;
    }

    /** The inbox's line for a message with files and no text. */
    private static String filesLine(List<InboundAttachment> files) {
        return files.stream().map(a -> "\uD83D\uDCCE " + a.file().name().orElse(a.kind().name().toLowerCase(Locale.ROOT)))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * CARD-8: the acquisition tool the client came through (kind {@code widget} for the website widget, else a
     * messenger {@code link}), the Google Analytics client id and the visit. A value the sources refuse is
     * dropped: the client's message counts more than a broken cookie.
     */
    private void recordSources(InboundMessage in, ChannelConnection connection, ContactId contact, Instant at) {
        ProjectId project = connection.project();
        present(in.source()).ifPresent(source -> tolerant(connection, "source", () -> sources.recordAcquisition(
                project, contact, source, "widget".equals(connection.type()) ? "widget" : "link", at)));
        Optional<InboundMessage.Tracking> tracking = in.tracking() == null ? Optional.empty() : in.tracking();
        tracking.ifPresent(t -> {
            present(t.gaCookie()).ifPresent(ga -> tolerant(connection, "ga",
                    () -> sources.recordGoogleClientId(project, contact, ga, at)));
            Optional<String> url = present(t.url());
            Optional<String> referrer = present(t.referrer());
            if (url.isPresent() || referrer.isPresent()) {
                tolerant(connection, "visit", () -> visit(project, contact, at, url, referrer));
            }
        });
    }

    /** A visit; when one of its two addresses is refused, the visit is kept with the other (CARD-8c). */
    private void visit(ProjectId project, ContactId contact, Instant at, Optional<String> url,
                       Optional<String> referrer) {
        try {
            sources.recordVisit(project, contact, at, url, referrer);
        } catch (InvalidInput e) {
            if ("referrer".equals(e.field()) && url.isPresent()) {
                sources.recordVisit(project, contact, at, url, Optional.empty());
            } else if ("url".equals(e.field()) && referrer.isPresent()) {
                sources.recordVisit(project, contact, at, Optional.empty(), referrer);
            } else {
                throw e;
            }
            LOG.warn("Kept a visit without its invalid {} on a message of contact {}", e.field(), contact);
        }
    }

    private static Optional<String> present(Optional<String> value) {
        return value == null ? Optional.empty() : value.map(String::strip).filter(v -> !v.isEmpty());
    }

    private static void tolerant(ChannelConnection connection, String what, Runnable record) {
        try {
            record.run();
        } catch (InvalidInput e) {
            // the value itself may be personal data: only what was refused and where
            LOG.warn("Ignored an invalid {} reported with a message on connection {} (field {})", what,
                    connection.id(), e.field());
            LOG.debug("Refused {}: {}", what, e.getMessage());
        }
    }

    /** The client's chat, locked and loaded in one statement (no shared cache: the row is what was locked). */
    private static Optional<ChatEntity> lockChat(EntityManager em, long connection, String externalUserId) {
        @SuppressWarnings("unchecked")
        List<ChatEntity> rows = em.createNativeQuery(
                        "select c.* from chat c where c.connection_id = ?1 and c.external_user_id = ?2 for update",
                        ChatEntity.class)
                .setParameter(1, connection).setParameter(2, externalUserId).getResultList();
        return rows.stream().findFirst();
    }

    private static Optional<MessageEntity> stored(EntityManager em, long connection, String externalId) {
        @SuppressWarnings("unchecked")
        List<MessageEntity> rows = em.createNativeQuery(
                        "select m.* from message m where m.connection_id = ?1 and m.external_id = ?2",
                        MessageEntity.class)
                .setParameter(1, connection).setParameter(2, externalId).getResultList();
        return rows.stream().findFirst();
    }

    private static void validate(InboundMessage m) {
        if (m.externalMessageId() == null || m.externalMessageId().isBlank() || m.externalMessageId().length() > 200) {
            throw new InvalidInput("externalMessageId", "1 to 200 characters");
        }
        if (m.externalUserId() == null || m.externalUserId().isBlank() || m.externalUserId().length() > 200) {
            throw new InvalidInput("externalUserId", "1 to 200 characters");
        }
        if (m.text() == null || m.text().length() > 10_000) {
            throw new InvalidInput("text", "at most 10000 characters");
        }
        if (m.text().isBlank() && m.attachments().isEmpty()) {
            throw new InvalidInput("text", "a message needs a text or a file");
        }
        if (m.attachments().size() > 50) {
            throw new InvalidInput("attachments", "at most 50 files in one message");
        }
    }
}
