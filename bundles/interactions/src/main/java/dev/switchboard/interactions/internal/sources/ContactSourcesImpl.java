package dev.switchboard.interactions.internal.sources;

import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.store.StoreFailures;
import dev.switchboard.api.card.CardEvents;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.interactions.Acquisition;
import dev.switchboard.api.interactions.AcquisitionTool;
import dev.switchboard.api.interactions.ContactSources;
import dev.switchboard.api.interactions.GoogleClientId;
import dev.switchboard.api.interactions.Sources;
import dev.switchboard.api.interactions.Visit;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreException;
import dev.switchboard.interactions.internal.store.AcquisitionToolEntity;
import dev.switchboard.interactions.internal.store.ContactAcquisitionEntity;
import dev.switchboard.interactions.internal.store.GoogleClientIdEntity;
import dev.switchboard.interactions.internal.store.InteractionsUnit;
import dev.switchboard.interactions.internal.store.VisitEntity;
import dev.switchboard.interactions.internal.store.VisitLockEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contact sources (CARD-8): acquisition tools (CARD-8a), Google Analytics client ids, one per device (CARD-8b),
 * and visits with referrer and UTM tags (CARD-8c).
 * <p>
 * Every write is idempotent and decided by the database: a tool or a row reported by two callers at once hits a
 * unique key, and the loser runs its transaction again and finds what the winner stored.
 * <p>
 * A visit is a sliding session, as in Google Analytics: a report of the same address and referrer within 30 minutes
 * of the contact's latest visit's last report is that visit and only moves its last report forward; after 30
 * minutes of silence, or from another address, a new visit starts. Visits of one contact are recorded one after
 * the other (a lock row per contact), so reports arriving together are decided the same way.
 * <p>
 * After a commit that changed what the card shows, {@link CardEvents#CHANGED} is posted so that open cards
 * refresh; after one that added a tool to a project's catalogue, {@link CardEvents#CATALOGUE_CHANGED}, so that
 * the search's tool filter does.
 * <p>
 * Contacts are the card bundle's; what this bundle knows of a contact's project is the project its rows were
 * written with. A write naming a contact whose rows belong to another project is {@link NotFound}, as an unknown
 * contact, and writes nothing; so is a merge of two contacts of different projects (issue 12). The reads take no
 * project: the core and the console ask only about a contact they have found in their own project first.
 */
@Component(service = ContactSources.class)
public final class ContactSourcesImpl implements ContactSources {

    private static final Logger LOG = LoggerFactory.getLogger(ContactSourcesImpl.class);

    static final int MAX_TOOL_NAME = 200;
    static final int MAX_VISITS = 100;
    /** Google Analytics' session timeout: a report within it of the visit's last one continues the visit. */
    static final Duration SESSION = Duration.ofMinutes(30);
    static final Set<String> KINDS = Set.of("landing", "widget", "link", "qr", "other");
    private static final int ATTEMPTS = 5;

    private final PersistenceUnit unit;
    private final EventAdmin eventAdmin;

    @Activate
    public ContactSourcesImpl(@Reference InteractionsUnit unit, @Reference EventAdmin eventAdmin) {
        this(unit.unit(), eventAdmin);
    }

    /**
     * Without OSGi, for tests and tools. A factory rather than a second public two-argument constructor: Felix SCR
     * picks the public constructor to inject by its parameter count.
     */
    public static ContactSourcesImpl create(PersistenceUnit unit, EventAdmin eventAdmin) {
        return new ContactSourcesImpl(unit, eventAdmin);
    }

    private ContactSourcesImpl(PersistenceUnit unit, EventAdmin eventAdmin) {
        this.unit = unit;
        this.eventAdmin = eventAdmin;
    }

    // ---------------------------------------------------------------------------------------------- writes

    @Override
    public Acquisition recordAcquisition(ProjectId project, ContactId contact, String toolName, String kind,
                                         Instant at) {
        Objects.requireNonNull(at, "at");
        String name = toolName(toolName);
        String k = kind(kind);
        long p = project.value();
        long c = contact.value();
        return retried("acquisition", () -> unit.inTransaction((em, tx) -> {
            requireProject(em, p, contact);
            Optional<AcquisitionToolEntity> known = tool(em, p, name);
            AcquisitionToolEntity tool;
            if (known.isPresent()) {
                tool = known.get();
            } else {
                tool = new AcquisitionToolEntity(p, name, k);
                em.persist(tool);
                // a concurrent creator of the same name is found here, at the unique key, not at the commit
                em.flush();
                tx.afterCommit(() -> catalogueChanged(p));
            }
            // locked: two earlier times reported at once must not overwrite each other's minimum
            ContactAcquisitionEntity row = em.find(ContactAcquisitionEntity.class,
                    new ContactAcquisitionEntity.Key(c, tool.id()), LockModeType.PESSIMISTIC_WRITE);
            boolean changed;
            if (row == null) {
                row = new ContactAcquisitionEntity(p, c, tool.id(), at);
                em.persist(row);
                changed = true;
            } else {
                changed = row.seenAt(at);
            }
            if (changed) {
                tx.afterCommit(() -> changed(p, c));
            }
            return new Acquisition(tool.toRecord(), row.firstAt());
        }));
    }

    @Override
    public GoogleClientId recordGoogleClientId(ProjectId project, ContactId contact, String gaCookieOrClientId,
                                               Instant at) {
        Objects.requireNonNull(at, "at");
        String clientId = GoogleClientIds.clientId(gaCookieOrClientId);
        long p = project.value();
        long c = contact.value();
        return retried("Google client id", () -> unit.inTransaction((em, tx) -> {
            requireProject(em, p, contact);
            GoogleClientIdEntity row = em.find(GoogleClientIdEntity.class, new GoogleClientIdEntity.Key(c, clientId),
                    LockModeType.PESSIMISTIC_WRITE);
            boolean changed;
            if (row == null) {
                row = new GoogleClientIdEntity(p, c, clientId, at);
                em.persist(row);
                changed = true;
            } else {
                changed = row.seenAt(at);
            }
            if (changed) {
                tx.afterCommit(() -> changed(p, c));
            }
            return row.toRecord();
        }));
    }

    @Override
    public Visit recordVisit(ProjectId project, ContactId contact, Instant at, Optional<String> url,
                             Optional<String> referrer) {
        Objects.requireNonNull(at, "at");
        Optional<String> address = VisitAddresses.address("url", url);
        Optional<String> from = VisitAddresses.address("referrer", referrer);
        Map<String, String> utm = VisitAddresses.utm(address);
        long p = project.value();
        long c = contact.value();
        return retried("visit", () -> unit.inTransaction((em, tx) -> {
            requireProject(em, p, contact);
            lockVisits(em, p, c);
            Optional<VisitEntity> session = latestVisit(em, c)
                    .filter(v -> v.sameAddress(address, from) && v.continuedBy(at, SESSION));
            if (session.isPresent()) {
                // the card shows when a visit started, not when it was last seen: only an earlier start is news
                if (session.get().seenAt(at)) {
                    tx.afterCommit(() -> changed(p, c));
                }
                return session.get().toRecord();
            }
            // a late replay of a report an earlier visit already took
            Optional<VisitEntity> replay = visitsCovering(em, c, at).filter(v -> v.sameAddress(address, from))
                    .findFirst();
            if (replay.isPresent()) {
                return replay.get().toRecord();
            }
            VisitEntity visit = new VisitEntity(p, c, at, address, from, utm);
            em.persist(visit);
            tx.afterCommit(() -> changed(p, c));
            return visit.toRecord();
        }));
    }

    @Override
    public void merge(ContactId survivor, ContactId other) {
        long s = survivor.value();
        long o = other.value();
        if (s == o) {
            throw new InvalidInput("other", "the same contact as the survivor");
        }
        retried("merge", () -> unit.inTransaction((em, tx) -> {
            // visits of both are locked, lower id first, so that a merge and a visit report wait for each other
            for (long c : new long[]{Math.min(s, o), Math.max(s, o)}) {
                em.find(VisitLockEntity.class, c, LockModeType.PESSIMISTIC_WRITE);
            }
            List<ContactAcquisitionEntity> survivorTools = lockedAcquisitions(em, s);
            List<ContactAcquisitionEntity> otherTools = lockedAcquisitions(em, o);
            List<GoogleClientIdEntity> survivorIds = lockedGoogleIds(em, s);
            List<GoogleClientIdEntity> otherIds = lockedGoogleIds(em, o);
            List<VisitEntity> survivorVisits = visits(em, s, Integer.MAX_VALUE);
            List<VisitEntity> otherVisits = visits(em, o, Integer.MAX_VALUE);
            Long project = oneProject(Stream.of(survivorTools.stream().map(ContactAcquisitionEntity::projectId),
                    otherTools.stream().map(ContactAcquisitionEntity::projectId),
                    survivorIds.stream().map(GoogleClientIdEntity::projectId),
                    otherIds.stream().map(GoogleClientIdEntity::projectId),
                    survivorVisits.stream().map(VisitEntity::projectId),
                    otherVisits.stream().map(VisitEntity::projectId)).flatMap(x -> x), other);
            boolean changed = !otherTools.isEmpty() || !otherIds.isEmpty() || !otherVisits.isEmpty();

            Map<Long, ContactAcquisitionEntity> byTool = new HashMap<>();
            survivorTools.forEach(a -> byTool.put(a.toolId(), a));
            for (ContactAcquisitionEntity a : otherTools) {
                ContactAcquisitionEntity kept = byTool.get(a.toolId());
                if (kept != null) {
                    kept.seenAt(a.firstAt());
                } else {
                    em.persist(new ContactAcquisitionEntity(a.projectId(), s, a.toolId(), a.firstAt()));
                }
                em.remove(a);
            }
            Map<String, GoogleClientIdEntity> byClientId = new HashMap<>();
            survivorIds.forEach(g -> byClientId.put(g.clientId(), g));
            for (GoogleClientIdEntity g : otherIds) {
                GoogleClientIdEntity kept = byClientId.get(g.clientId());
                if (kept != null) {
                    kept.seenAt(g.firstAt());
                } else {
                    em.persist(new GoogleClientIdEntity(g.projectId(), s, g.clientId(), g.firstAt()));
                }
                em.remove(g);
            }
            Map<Visit, VisitEntity> survivorHas = new HashMap<>();
            survivorVisits.forEach(v -> survivorHas.putIfAbsent(v.toRecord(), v));
            for (VisitEntity v : otherVisits) {
                VisitEntity kept = survivorHas.get(v.toRecord());
                if (kept != null) {
                    kept.seenAt(v.lastSeenAt());
                    em.remove(v);
                } else {
                    v.moveTo(s);
                }
            }
            VisitLockEntity otherLock = em.find(VisitLockEntity.class, o);
            if (otherLock != null) {
                em.remove(otherLock);
            }
            if (changed) {
                LOG.debug("Merged the sources of contact {} into {}", o, s);
                tx.afterCommit(() -> changed(project, s));
            }
            return null;
        }));
    }

    // ---------------------------------------------------------------------------------------------- reads

    @Override
    public Sources sources(ContactId contact) {
        long c = contact.value();
        return unit.read((em, tx) -> {
            List<Acquisition> tools = em.createQuery(
                            "select a, t from ContactAcquisitionEntity a, AcquisitionToolEntity t "
                                    + "where a.contactId = :contact and t.id = a.toolId and t.projectId = a.projectId "
                                    + "order by a.firstAt, t.name, t.id", Object[].class)
                    .setParameter("contact", c)
                    .getResultList().stream()
                    .map(r -> new Acquisition(((AcquisitionToolEntity) r[1]).toRecord(),
                            ((ContactAcquisitionEntity) r[0]).firstAt()))
                    .toList();
            List<GoogleClientId> ids = googleIds(em, c).stream().map(GoogleClientIdEntity::toRecord).toList();
            List<Visit> visits = visits(em, c, MAX_VISITS).stream().map(VisitEntity::toRecord).toList();
            return new Sources(tools, ids, visits);
        });
    }

    @Override
    public List<AcquisitionTool> tools(ProjectId project) {
        return unit.read((em, tx) -> em.createQuery(
                        "select t from AcquisitionToolEntity t where t.projectId = :project order by t.name, t.id",
                        AcquisitionToolEntity.class)
                .setParameter("project", project.value())
                .getResultList().stream().map(AcquisitionToolEntity::toRecord).toList());
    }

    @Override
    public List<ContactId> byGoogleClientId(ProjectId project, String gaCookieOrClientId) {
        String clientId = GoogleClientIds.clientId(gaCookieOrClientId);
        return unit.read((em, tx) -> em.createQuery(
                        "select g.contactId from GoogleClientIdEntity g "
                                + "where g.projectId = :project and g.clientId = :clientId order by g.contactId",
                        Long.class)
                .setParameter("project", project.value())
                .setParameter("clientId", clientId)
                .getResultList().stream().map(ContactId::new).toList());
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static String toolName(String toolName) {
        String name = toolName == null ? "" : toolName.strip();
        if (name.isEmpty()) {
            throw new InvalidInput("toolName", "missing");
        }
        if (name.length() > MAX_TOOL_NAME) {
            throw new InvalidInput("toolName", "longer than " + MAX_TOOL_NAME + " characters");
        }
        return name;
    }

    private static String kind(String kind) {
        String k = kind == null ? "" : kind.strip().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(k)) {
            throw new InvalidInput("kind", "must be one of " + new TreeSet<>(KINDS));
        }
        return k;
    }

    /**
     * The project all the rows belong to; null when there are none. Rows of two projects: the other contact is not
     * one of the survivor's project, and is answered as one that does not exist.
     */
    private static Long oneProject(Stream<Long> projects, ContactId other) {
        Set<Long> distinct = new TreeSet<>(projects.filter(Objects::nonNull).toList());
        if (distinct.size() > 1) {
            throw new NotFound("contact", other);
        }
        return distinct.isEmpty() ? null : distinct.iterator().next();
    }

    /**
     * Refuses a write for {@code contact} in {@code project} when the contact's rows here say it is another project's:
     * four primary-key or index probes, one per table that holds rows of a contact.
     */
    private static void requireProject(EntityManager em, long project, ContactId contact) {
        @SuppressWarnings("unchecked")
        List<Object> projects = em.createNativeQuery("select project_id from contact_visit_lock where contact_id = ?1"
                        + " union select project_id from contact_acquisition where contact_id = ?1"
                        + " union select project_id from google_client_id where contact_id = ?1"
                        + " union select project_id from visit where contact_id = ?1")
                .setParameter(1, contact.value()).getResultList();
        if (projects.stream().anyMatch(x -> x != null && ((Number) x).longValue() != project)) {
            throw new NotFound("contact", contact);
        }
    }

    private static Optional<AcquisitionToolEntity> tool(EntityManager em, long project, String name) {
        return em.createQuery("select t from AcquisitionToolEntity t where t.projectId = :project and t.name = :name",
                        AcquisitionToolEntity.class)
                .setParameter("project", project)
                .setParameter("name", name)
                .getResultStream().findFirst();
    }

    /** Locks the contact's visit lock row, creating it if this is the contact's first visit. */
    private static void lockVisits(EntityManager em, long project, long contact) {
        if (em.find(VisitLockEntity.class, contact, LockModeType.PESSIMISTIC_WRITE) == null) {
            em.persist(new VisitLockEntity(project, contact));
            // two first visits at once meet here, at the primary key; the loser runs again and waits for the lock
            em.flush();
        }
    }

    private static Optional<VisitEntity> latestVisit(EntityManager em, long contact) {
        return visits(em, contact, 1).stream().findFirst();
    }

    private static Stream<VisitEntity> visitsCovering(EntityManager em, long contact, Instant at) {
        return em.createQuery("select v from VisitEntity v where v.contactId = :contact and v.visitedAt <= :at "
                                + "and v.lastSeenAt >= :at order by v.visitedAt desc, v.id desc", VisitEntity.class)
                .setParameter("contact", contact)
                .setParameter("at", StoreTimes.utc(at))
                .getResultList().stream();
    }

    private static List<VisitEntity> visits(EntityManager em, long contact, int max) {
        return em.createQuery("select v from VisitEntity v where v.contactId = :contact "
                        + "order by v.visitedAt desc, v.id desc", VisitEntity.class)
                .setParameter("contact", contact)
                .setMaxResults(max)
                .getResultList();
    }

    /** Locked: a concurrent report must not overwrite the earliest time the merge keeps. */
    private static List<ContactAcquisitionEntity> lockedAcquisitions(EntityManager em, long contact) {
        return em.createQuery("select a from ContactAcquisitionEntity a where a.contactId = :contact",
                        ContactAcquisitionEntity.class)
                .setParameter("contact", contact)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    private static List<GoogleClientIdEntity> lockedGoogleIds(EntityManager em, long contact) {
        return em.createQuery("select g from GoogleClientIdEntity g where g.contactId = :contact",
                        GoogleClientIdEntity.class)
                .setParameter("contact", contact)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    private static List<GoogleClientIdEntity> googleIds(EntityManager em, long contact) {
        return em.createQuery("select g from GoogleClientIdEntity g where g.contactId = :contact "
                        + "order by g.firstAt, g.clientId", GoogleClientIdEntity.class)
                .setParameter("contact", contact)
                .getResultList();
    }

    /** Runs a write again when it lost a race on a unique key: the next attempt finds what the winner stored. */
    private static <T> T retried(String what, Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (StoreException e) {
                if (!StoreFailures.uniqueViolation(e) || attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.debug("Concurrent write of a {}; running again (attempt {})", what, attempt + 1);
            }
        }
    }

    private void catalogueChanged(long project) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CardEvents.PROJECT, project);
        eventAdmin.postEvent(new Event(CardEvents.CATALOGUE_CHANGED, properties));
    }

    private void changed(Long project, long contact) {
        if (project == null) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(CardEvents.PROJECT, project);
        properties.put(CardEvents.CONTACT, contact);
        eventAdmin.postEvent(new Event(CardEvents.CHANGED, properties));
    }
}
