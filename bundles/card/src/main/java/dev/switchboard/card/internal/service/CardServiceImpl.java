package dev.switchboard.card.internal.service;

import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.store.StoreFailures;
import dev.switchboard.api.card.Card;
import dev.switchboard.api.card.CardService;
import dev.switchboard.api.card.ContactHit;
import dev.switchboard.api.card.Funnel;
import dev.switchboard.api.card.Identity;
import dev.switchboard.api.card.PersonalInfo;
import dev.switchboard.api.card.Subscription;
import dev.switchboard.api.card.Tag;
import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.chat.ContactChats;
import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.TagId;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotAllowed;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.interactions.ContactSources;
import dev.switchboard.api.interactions.GoogleClientId;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreException;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.card.internal.funnel.FunnelRegistry;
import dev.switchboard.card.internal.personal.CardConfig;
import dev.switchboard.card.internal.personal.PersonalData;
import dev.switchboard.card.internal.store.CardUnit;
import dev.switchboard.card.internal.store.ContactEntity;
import dev.switchboard.card.internal.store.TagEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading and editing client cards (CARD-3..6, TEAM-5/6) and merging them. Who may edit is the chat engine's
 * answer ({@link ContactChats#mayEditCard}), asked before the card's transaction opens, so that a card
 * transaction never waits for a second connection; so are system messages (MSG-4), written after the card's
 * commit. Replacing edits carry the version the editor saw and lose with a {@link Conflict}, checked again by the
 * database at the write ({@code @Version}).
 */
@Component(service = CardService.class, configurationPid = CardConfig.PID)
@Designate(ocd = CardConfig.class)
public final class CardServiceImpl implements CardService {

    private static final Logger LOG = LoggerFactory.getLogger(CardServiceImpl.class);
    private static final int CHAIN_MAX = 100;
    private static final int CHAIN_NAME_MAX = 200;

    private final PersistenceUnit unit;
    private final FunnelRegistry funnels;
    private final MemberService members;
    private final ContactChats chats;
    private final ContactSources sources;
    private final ConnectionService connections;
    private final FileStore files;
    private final CardEventPublisher events;
    private final PersonalData personal;
    private final Clock clock;

    @Activate
    public CardServiceImpl(@Reference CardUnit unit, @Reference FunnelRegistry funnels,
                           @Reference MemberService members, @Reference ContactChats chats,
                           @Reference ContactSources sources, @Reference ConnectionService connections,
                           @Reference FileStore files, @Reference EventAdmin eventAdmin, CardConfig config) {
        this(unit.unit(), funnels, members, chats, sources, connections, files, eventAdmin,
                PersonalData.configured(config), Clock.systemUTC());
    }

    private CardServiceImpl(PersistenceUnit unit, FunnelRegistry funnels, MemberService members, ContactChats chats,
                            ContactSources sources, ConnectionService connections, FileStore files,
                            EventAdmin eventAdmin, PersonalData personal, Clock clock) {
        this.unit = unit;
        this.funnels = funnels;
        this.members = members;
        this.chats = chats;
        this.sources = sources;
        this.connections = connections;
        this.files = files;
        this.events = new CardEventPublisher(eventAdmin);
        this.personal = personal;
        this.clock = clock;
    }

    /** Plain construction (tests, tools). */
    public static CardServiceImpl create(PersistenceUnit unit, FunnelRegistry funnels, MemberService members,
                                         ContactChats chats, ContactSources sources, ConnectionService connections,
                                         FileStore files, EventAdmin eventAdmin, String defaultRegion, Clock clock) {
        return new CardServiceImpl(unit, funnels, members, chats, sources, connections, files, eventAdmin,
                new PersonalData(defaultRegion), clock);
    }

    // ---------------------------------------------------------------------------------------------- reads

    @Override
    public Card card(ContactId contact, MemberId viewer) {
        Member m = member(viewer, contact);
        // asked first, outside the card's transaction; a contact of another project is not found just below
        boolean editable = mayEdit(contact, m);
        return withChannels(unit.read((em, tx) -> toCard(em, load(em, contact, m), editable)));
    }

    @Override
    public List<ContactHit> duplicates(ContactId contact, MemberId viewer) {
        Member m = member(viewer, contact);
        // the contact is the viewer's project's before anything of it is read (issue 12)
        requireContact(contact, m);
        Set<Long> byGoogle = new LinkedHashSet<>();
        for (GoogleClientId id : sources.sources(contact).googleIds()) {
            // only the viewer's project is asked; a contact outside it is not found below
            sources.byGoogleClientId(m.project(), id.clientId()).forEach(c -> byGoogle.add(c.value()));
        }
        byGoogle.remove(contact.value());
        return unit.read((em, tx) -> {
            ContactEntity c = load(em, contact, m);
            StringBuilder where = new StringBuilder();
            List<Object> params = new ArrayList<>();
            params.add(m.project().value());
            params.add(c.id());
            c.phone().ifPresent(p -> {
                params.add(p);
                where.append(" or c.phone = ?").append(params.size());
            });
            c.email().ifPresent(e -> {
                params.add(e);
                where.append(" or c.email = ?").append(params.size());
            });
            for (Long id : byGoogle) {
                params.add(id);
                where.append(" or c.id = ?").append(params.size());
            }
            if (where.isEmpty()) {
                return List.of();
            }
            var q = em.createNativeQuery("select c.* from contact c where c.project_id = ?1 and c.id <> ?2"
                    + " and c.merged_into is null and ("
                    + where.substring(4) + ") order by c.created_at desc, c.id desc", ContactEntity.class);
            for (int i = 0; i < params.size(); i++) {
                q.setParameter(i + 1, params.get(i));
            }
            @SuppressWarnings("unchecked")
            List<ContactEntity> rows = q.getResultList();
            FunnelRegistry.StatusReader statuses = funnels.statuses(em, m.project().value());
            return rows.stream().map(r -> new ContactHit(new ContactId(r.id()), r.firstName(), r.lastName(),
                    r.phone(), r.email(), statuses.status(r.funnelKey(), r.funnelStage()), r.createdAt())).toList();
        });
    }

    // ---------------------------------------------------------------------------------------------- edits

    @Override
    public Card edit(ContactId contact, MemberId actor, PersonalInfo info, long expectedVersion) {
        Member m = editor(actor, contact);
        PersonalInfo clean = personal.normalise(info);
        return withChannels(unit.inTransaction((em, tx) -> {
            ContactEntity c = load(em, contact, m);
            requireVersion(c, expectedVersion);
            if (c.setPersonal(clean)) {
                flush(em);
                tx.afterCommit(() -> events.changed(c.projectId(), c.id()));
            }
            return toCard(em, c, true);
        }));
    }

    @Override
    public Card setStatus(ContactId contact, MemberId actor, String stageKey, long expectedVersion) {
        Member m = editor(actor, contact);
        return withChannels(unit.inTransaction((em, tx) -> {
            ContactEntity c = load(em, contact, m);
            requireVersion(c, expectedVersion);
            Funnel current = funnels.statuses(em, c.projectId()).current()
                    .orElseThrow(() -> new InvalidInput("stage", "the project has no funnel"));
            if (stageKey == null || current.stage(stageKey).isEmpty()) {
                throw new InvalidInput("stage", "not a stage of the project's funnel: " + stageKey);
            }
            boolean same = c.funnelKey().orElse(current.key()).equals(current.key())
                    && c.funnelStage().filter(stageKey::equals).isPresent();
            if (!same) {
                String from = c.funnelStage().orElse("");
                c.setStatus(current.key(), stageKey);
                flush(em);
                tx.afterCommit(() -> {
                    chats.recordCardEvent(contact, new SystemEvent.StatusChanged(actor, from, stageKey));
                    events.changed(c.projectId(), c.id());
                });
            }
            return toCard(em, c, true);
        }));
    }

    @Override
    public Card addTag(ContactId contact, MemberId actor, TagId tag) {
        Member m = editor(actor, contact);
        return withChannels(retryOnDuplicate(() -> unit.inTransaction((em, tx) -> {
            ContactEntity c = load(em, contact, m);
            TagEntity t = tag(em, tag, m);
            if (!has(em, "select 1 from contact_tag where contact_id = ?1 and tag_id = ?2", c.id(), t.id())) {
                em.createNativeQuery("insert into contact_tag (contact_id, tag_id, project_id, added_at)"
                                + " values (?1, ?2, ?3, ?4)")
                        .setParameter(1, c.id()).setParameter(2, t.id()).setParameter(3, c.projectId())
                        .setParameter(4, StoreTimes.utc(clock.instant())).executeUpdate();
                String name = t.name();
                tx.afterCommit(() -> {
                    chats.recordCardEvent(contact, new SystemEvent.TagsChanged(actor, List.of(name), List.of()));
                    events.changed(c.projectId(), c.id());
                });
            }
            return toCard(em, c, true);
        })));
    }

    @Override
    public Card removeTag(ContactId contact, MemberId actor, TagId tag) {
        Member m = editor(actor, contact);
        return withChannels(unit.inTransaction((em, tx) -> {
            ContactEntity c = load(em, contact, m);
            TagEntity t = tag(em, tag, m);
            int removed = em.createNativeQuery("delete from contact_tag where contact_id = ?1 and tag_id = ?2")
                    .setParameter(1, c.id()).setParameter(2, t.id()).executeUpdate();
            if (removed > 0) {
                String name = t.name();
                tx.afterCommit(() -> {
                    chats.recordCardEvent(contact, new SystemEvent.TagsChanged(actor, List.of(), List.of(name)));
                    events.changed(c.projectId(), c.id());
                });
            }
            return toCard(em, c, true);
        }));
    }

    @Override
    public Card subscribe(ContactId contact, MemberId actor, String chain, String chainName) {
        String key = chain == null ? "" : chain.strip();
        if (key.isEmpty() || key.length() > CHAIN_MAX) {
            throw new InvalidInput("chain", "must be 1 to " + CHAIN_MAX + " characters");
        }
        String name = chainName == null || chainName.isBlank() ? key : chainName.strip();
        if (name.length() > CHAIN_NAME_MAX) {
            throw new InvalidInput("chainName", "longer than " + CHAIN_NAME_MAX + " characters");
        }
        Member m = editor(actor, contact);
        return withChannels(retryOnDuplicate(() -> unit.inTransaction((em, tx) -> {
            ContactEntity c = load(em, contact, m);
            if (!has(em, "select 1 from contact_subscription where contact_id = ?1 and chain = ?2", c.id(), key)) {
                em.createNativeQuery("insert into contact_subscription (contact_id, project_id, chain, chain_name,"
                                + " since) values (?1, ?2, ?3, ?4, ?5)")
                        .setParameter(1, c.id()).setParameter(2, c.projectId()).setParameter(3, key)
                        .setParameter(4, name).setParameter(5, StoreTimes.utc(clock.instant())).executeUpdate();
                tx.afterCommit(() -> {
                    chats.recordCardEvent(contact, new SystemEvent.Subscribed(actor, name));
                    events.changed(c.projectId(), c.id());
                });
            }
            return toCard(em, c, true);
        })));
    }

    @Override
    public Card unsubscribe(ContactId contact, MemberId actor, String chain) {
        String key = chain == null ? "" : chain.strip();
        Member m = editor(actor, contact);
        return withChannels(unit.inTransaction((em, tx) -> {
            ContactEntity c = load(em, contact, m);
            @SuppressWarnings("unchecked")
            List<Object> names = em.createNativeQuery("select chain_name from contact_subscription"
                    + " where contact_id = ?1 and chain = ?2").setParameter(1, c.id()).setParameter(2, key)
                    .getResultList();
            int removed = em.createNativeQuery("delete from contact_subscription where contact_id = ?1 and chain = ?2")
                    .setParameter(1, c.id()).setParameter(2, key).executeUpdate();
            if (removed > 0) {
                String name = names.isEmpty() ? key : (String) names.get(0);
                tx.afterCommit(() -> {
                    chats.recordCardEvent(contact, new SystemEvent.Unsubscribed(actor, name));
                    events.changed(c.projectId(), c.id());
                });
            }
            return toCard(em, c, true);
        }));
    }

    // ---------------------------------------------------------------------------------------------- merge

    private record MergeStart(long project, Optional<Long> mergedInto, String otherName) {
    }

    /**
     * Merges in steps that each leave everything findable, so a merge that stopped half-way can simply run again:
     * (1) the other card is marked as merging into the survivor, its identities move, its tags and subscriptions
     * are copied and the survivor's empty fields filled, its photo too (CARD-2: the survivor keeps its own photo or
     * takes the other's), in one transaction; (2) contact sources move; (3) chats move with their history; (4) the
     * other card is removed, and its photo from the blob store unless the survivor took it. A re-run of a marked
     * merge needs edit rights on the survivor only, since the other card may have no chats left to give rights on.
     * The other card's row is locked in (1) and (4), as {@link ContactDirectoryImpl#setPhoto} locks it, so a photo
     * arriving for it meanwhile is either taken by the survivor or removed, never lost or shown after removal.
     */
    @Override
    public Card merge(ContactId survivor, ContactId other, MemberId actor) {
        if (survivor.equals(other)) {
            throw new InvalidInput("other", "a card cannot be merged into itself");
        }
        Member m = member(actor, survivor);
        MergeStart start = unit.read((em, tx) -> {
            load(em, survivor, m);
            ContactEntity o = load(em, other, m);
            return new MergeStart(o.projectId(), o.mergedInto(),
                    displayName(o));
        });
        if (start.mergedInto().isPresent() && start.mergedInto().get() != survivor.value()) {
            throw new Conflict("error.conflict", "the card is being merged into another card", List.of());
        }
        requireEditable(survivor, m);
        if (start.mergedInto().isEmpty()) {
            requireEditable(other, m);
        }
        unit.inTransaction((em, tx) -> {
            ContactEntity s = load(em, survivor, m);
            ContactEntity o = load(em, other, m, LockModeType.PESSIMISTIC_WRITE);
            o.setMergedInto(s.id());
            em.createNativeQuery("update contact_identity set contact_id = ?1 where contact_id = ?2")
                    .setParameter(1, s.id()).setParameter(2, o.id()).executeUpdate();
            em.createNativeQuery("insert into contact_tag (contact_id, tag_id, project_id, added_at)"
                            + " select ?1, t.tag_id, t.project_id, t.added_at from contact_tag t where t.contact_id = ?2"
                            + " and not exists (select 1 from contact_tag x where x.contact_id = ?1 and x.tag_id = t.tag_id)")
                    .setParameter(1, s.id()).setParameter(2, o.id()).executeUpdate();
            em.createNativeQuery("insert into contact_subscription (contact_id, project_id, chain, chain_name, since)"
                            + " select ?1, t.project_id, t.chain, t.chain_name, t.since from contact_subscription t"
                            + " where t.contact_id = ?2 and not exists (select 1 from contact_subscription x"
                            + " where x.contact_id = ?1 and x.chain = t.chain)")
                    .setParameter(1, s.id()).setParameter(2, o.id()).executeUpdate();
            s.fillEmptyFrom(o);
            flush(em);
            // decided by the database: a photo that reached the survivor meanwhile is kept
            o.photo().ifPresent(photo -> em.createNativeQuery("update contact set photo_file_id = ?1"
                            + " where id = ?2 and photo_file_id is null")
                    .setParameter(1, photo.value()).setParameter(2, s.id()).executeUpdate());
            return null;
        });
        sources.merge(survivor, other);
        chats.moveChats(other, survivor, actor, start.otherName());
        unit.inTransaction((em, tx) -> {
            @SuppressWarnings("unchecked")
            List<Object> photos = em.createNativeQuery("select photo_file_id from contact"
                            + " where id = ?1 and project_id = ?2 and merged_into = ?3 for update")
                    .setParameter(1, other.value()).setParameter(2, start.project()).setParameter(3, survivor.value())
                    .getResultList();
            em.createNativeQuery("delete from contact where id = ?1 and project_id = ?2 and merged_into = ?3")
                    .setParameter(1, other.value()).setParameter(2, start.project()).setParameter(3, survivor.value())
                    .executeUpdate();
            photos.stream().filter(Objects::nonNull).map(p -> new FileId(((Number) p).longValue()))
                    .forEach(photo -> Photos.removeWhenUnshown(em, tx, files, photo));
            tx.afterCommit(() -> {
                events.merged(start.project(), survivor.value(), other.value());
                events.changed(start.project(), survivor.value());
            });
            return null;
        });
        LOG.info("Contact {} merged into contact {} in project {}", other, survivor, start.project());
        return card(survivor, actor);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** The acting member; one outside the contact's project finds nothing. */
    private Member member(MemberId id, ContactId contact) {
        return members.find(id).orElseThrow(() -> new NotFound("contact", contact));
    }

    /** The acting member, who must be allowed to edit the card (TEAM-5/6). */
    private Member editor(MemberId id, ContactId contact) {
        Member m = member(id, contact);
        requireContact(contact, m);
        requireEditable(contact, m);
        return m;
    }

    /** "First Last", or what there is of it, or "?" (as {@link Card#displayName()}). */
    private static String displayName(ContactEntity c) {
        String name = (c.firstName().orElse("") + " " + c.lastName().orElse("")).strip();
        return name.isEmpty() ? "?" : name;
    }

    /**
     * TEAM-1, TEAM-5/6: owners and admins edit every card of their project, also one without chats yet (callers
     * have checked, or check next, that the contact is in the member's project); anyone else must be the
     * responsible or a participant of one of its chats, which the chat engine knows.
     */
    private boolean mayEdit(ContactId contact, Member member) {
        return member.role().maySupervise() || chats.mayEditCard(contact, member.id());
    }

    private void requireEditable(ContactId contact, Member member) {
        if (!mayEdit(contact, member)) {
            throw new NotAllowed("edit the card");
        }
    }

    private void requireContact(ContactId contact, Member m) {
        unit.read((em, tx) -> load(em, contact, m));
    }

    private static ContactEntity load(EntityManager em, ContactId contact, Member m) {
        return load(em, contact, m, LockModeType.NONE);
    }

    private static ContactEntity load(EntityManager em, ContactId contact, Member m, LockModeType lock) {
        ContactEntity c = em.find(ContactEntity.class, contact.value(), lock);
        if (c == null || c.projectId() != m.project().value()) {
            throw new NotFound("contact", contact);
        }
        return c;
    }

    private static TagEntity tag(EntityManager em, TagId tag, Member m) {
        TagEntity t = em.find(TagEntity.class, tag.value());
        if (t == null || t.projectId() != m.project().value()) {
            throw new NotFound("tag", tag);
        }
        return t;
    }

    private static void requireVersion(ContactEntity c, long expected) {
        if (c.version() != expected) {
            throw changedMeanwhile();
        }
    }

    private static Conflict changedMeanwhile() {
        return new Conflict("error.cardChanged", "the card was changed by someone else", List.of());
    }

    /** Writes now, so that a lost version check is told as a conflict. */
    private static void flush(EntityManager em) {
        try {
            em.flush();
        } catch (RuntimeException e) {
            if (StoreFailures.lostVersionCheck(e)) {
                throw changedMeanwhile();
            }
            throw e;
        }
    }

    private static boolean has(EntityManager em, String sql, Object first, Object second) {
        return !em.createNativeQuery(sql).setParameter(1, first).setParameter(2, second).getResultList().isEmpty();
    }

    /** Two adds of the same link at once: the loser runs again and finds it there. */
    private static <T> T retryOnDuplicate(Supplier<T> work) {
        try {
            return work.get();
        } catch (StoreException e) {
            if (!StoreFailures.uniqueViolation(e)) {
                throw e;
            }
            return work.get();
        }
    }

    private Card toCard(EntityManager em, ContactEntity c, boolean editable) {
        @SuppressWarnings("unchecked")
        List<Object[]> tagRows = em.createNativeQuery("select t.id, t.name, t.colour from contact_tag ct"
                + " join tag t on t.id = ct.tag_id where ct.contact_id = ?1 order by t.name_key")
                .setParameter(1, c.id()).getResultList();
        List<Tag> tags = tagRows.stream().map(r -> new Tag(new TagId(((Number) r[0]).longValue()), (String) r[1],
                (String) r[2])).toList();
        @SuppressWarnings("unchecked")
        List<Object[]> subRows = em.createNativeQuery("select chain, chain_name, since from contact_subscription"
                + " where contact_id = ?1 order by since, chain").setParameter(1, c.id()).getResultList();
        List<Subscription> subscriptions = subRows.stream().map(r -> new Subscription((String) r[0], (String) r[1],
                StoreTimes.instant(r[2]))).toList();
        @SuppressWarnings("unchecked")
        List<Object[]> idRows = em.createNativeQuery("select connection_id, external_user_id from contact_identity"
                + " where contact_id = ?1 order by connection_id, external_user_id").setParameter(1, c.id())
                .getResultList();
        List<Identity> identities = idRows.stream().map(r -> new Identity(
                new ConnectionId(((Number) r[0]).longValue()), "", (String) r[1])).toList();
        return new Card(new ContactId(c.id()), new ProjectId(c.projectId()), c.personal(), c.photo(),
                funnels.statuses(em, c.projectId()).status(c.funnelKey(), c.funnelStage()), tags, subscriptions,
                identities, c.createdAt(), editable, c.version());
    }

    /** Channel types come from the chat engine's connections, asked outside the card's transaction. */
    private Card withChannels(Card card) {
        Map<ConnectionId, String> types = new HashMap<>();
        List<Identity> identities = card.identities().stream().map(i -> new Identity(i.connection(),
                types.computeIfAbsent(i.connection(), id -> connections.find(id).map(ChannelConnection::type)
                        .orElse("?")), i.externalUserId())).toList();
        return new Card(card.id(), card.project(), card.personal(), card.photo(), card.status(), card.tags(),
                card.subscriptions(), identities, card.createdAt(), card.editable(), card.version());
    }
}
