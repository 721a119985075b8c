package dev.switchboard.card.internal.service;

import dev.switchboard.api.store.StoreFailures;
import dev.switchboard.api.card.ContactDirectory;
import dev.switchboard.api.card.Funnel;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.api.funnel.FunnelStage;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreException;
import dev.switchboard.card.internal.funnel.FunnelRegistry;
import dev.switchboard.card.internal.personal.CardConfig;
import dev.switchboard.card.internal.personal.PersonalData;
import dev.switchboard.card.internal.store.CardUnit;
import dev.switchboard.card.internal.store.ContactEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contacts for the ingress (CARD-1, CARD-2, CARD-6). Runs for every inbound message, so the common case (a known
 * client whose names have not changed) is one indexed autocommit read of what the comparison needs, and no
 * transaction; only a new client, changed names or contact details the card lacks open the write transaction. A new
 * client's first messages may race: the identity's primary key (connection, external user id) lets exactly one
 * insert win, and the loser runs again and finds it; two refreshes of one card race on its version in the same way.
 * <p>
 * An e-mail or phone the client gave (a website widget's form, CARD-6) is normalised as a manager's edit is
 * ({@link PersonalData}) and fills the card's field only while it is empty; a value that does not read as an
 * address or a number is left out, as the client's typing is no reason to refuse their message.
 * <p>
 * The photo never comes through {@link #identify}: the profile's photo is the platform's file, whose address may
 * carry a bot token; the ingress fetches it into the blob store in the background and hands over the stored copy
 * through {@link #setPhoto}, which removes the copy it replaces.
 * <p>
 * The calls name no acting member: the ingress and its download job make them, for a connection. What can be checked
 * is (issue 12): the connection must exist, not be deleted, and belong to the project named, else it is
 * {@link NotFound} and nothing is written (a card of one project never gets an identity on another's connection);
 * a photo must be a file of the card's project, else it is not found either. The connection is read from the
 * connection service's cache, so the common case stays one read of this unit.
 */
@Component(service = ContactDirectory.class, configurationPid = CardConfig.PID)
public final class ContactDirectoryImpl implements ContactDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ContactDirectoryImpl.class);
    private static final int ATTEMPTS = 3;
    private static final int MAX_EXTERNAL_ID = 200;

    private final PersistenceUnit unit;
    private final FunnelRegistry funnels;
    private final FileStore files;
    private final ConnectionService connections;
    private final CardEventPublisher events;
    private final PersonalData personal;
    private final Clock clock;

    @Activate
    public ContactDirectoryImpl(@Reference CardUnit unit, @Reference FunnelRegistry funnels,
                                @Reference FileStore files, @Reference ConnectionService connections,
                                @Reference EventAdmin eventAdmin, CardConfig config) {
        this(unit.unit(), funnels, files, connections, eventAdmin, PersonalData.configured(config),
                Clock.systemUTC());
    }

    /*
     * Outside OSGi (tests, benchmarks) through a factory, not a second public constructor of the same arity: Felix
     * SCR picks the public constructor to inject by its number of parameters.
     */
    public static ContactDirectoryImpl on(PersistenceUnit unit, FunnelRegistry funnels, FileStore files,
                                          ConnectionService connections, EventAdmin eventAdmin,
                                          String defaultRegion, Clock clock) {
        return new ContactDirectoryImpl(unit, funnels, files, connections, eventAdmin,
                new PersonalData(defaultRegion), clock);
    }

    private ContactDirectoryImpl(PersistenceUnit unit, FunnelRegistry funnels, FileStore files,
                                 ConnectionService connections, EventAdmin eventAdmin, PersonalData personal,
                                 Clock clock) {
        this.unit = unit;
        this.funnels = funnels;
        this.files = files;
        this.connections = connections;
        this.events = new CardEventPublisher(eventAdmin);
        this.personal = personal;
        this.clock = clock;
    }

    @Override
    public ContactId identify(ProjectId project, ConnectionId connection, String externalUserId,
                              ClientProfile profile) {
        if (externalUserId == null || externalUserId.isBlank() || externalUserId.length() > MAX_EXTERNAL_ID) {
            throw new InvalidInput("externalUserId", "must be 1 to " + MAX_EXTERNAL_ID + " characters");
        }
        connections.find(connection).filter(c -> c.project().equals(project))
                .orElseThrow(() -> new NotFound("connection", connection));
        String first = name(profile.firstName());
        String last = name(profile.lastName());
        Optional<String> email = contact("an e-mail address", connection, profile.email(), personal::email);
        Optional<String> phone = contact("a phone number", connection, profile.phone(), personal::phone);
        // the common case, a known client whose names have not changed and who brought no contact details the card
        // lacks, is one autocommit read and no transaction
        Optional<Seen> seen = unit.read((em, tx) -> seen(em, connection.value(), externalUserId));
        if (seen.isPresent() && !seen.get().differs(first, last, email, phone)) {
            return new ContactId(seen.get().id());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return unit.inTransaction((em, tx) -> {
                    Optional<ContactEntity> known = byIdentity(em, connection.value(), externalUserId);
                    if (known.isPresent()) {
                        ContactEntity c = known.get();
                        if (Seen.of(c).differs(first, last, email, phone)) {
                            // messages of one client arrive together: refreshes of the card wait for each other on
                            // the row instead of failing on its version, and each decides on what the last one left
                            em.refresh(c, LockModeType.PESSIMISTIC_WRITE);
                        }
                        boolean renamed = refresh(c, first, last);
                        boolean filled = c.fillContacts(email, phone);
                        if (renamed || filled) {
                            tx.afterCommit(() -> events.changed(c.projectId(), c.id()));
                        }
                        return new ContactId(c.id());
                    }
                    ContactEntity c = new ContactEntity(project.value(), clock.instant());
                    c.setProfileNames(first, last);
                    c.fillContacts(email, phone);
                    funnels.funnelOf(em, project.value()).flatMap(ContactDirectoryImpl::firstStage)
                            .ifPresent(s -> c.setStatus(s.key(), s.stage()));
                    em.persist(c);
                    em.flush();
                    em.createNativeQuery("insert into contact_identity (contact_id, connection_id, external_user_id)"
                                    + " values (?1, ?2, ?3)")
                            .setParameter(1, c.id()).setParameter(2, connection.value())
                            .setParameter(3, externalUserId).executeUpdate();
                    tx.afterCommit(() -> events.changed(c.projectId(), c.id()));
                    return new ContactId(c.id());
                });
            } catch (StoreException e) {
                // two first messages raced on the identity's key, or two messages refreshed the same card at once:
                // the loser looks again and finds what the winner stored
                if (!(StoreFailures.uniqueViolation(e) || StoreFailures.lostVersionCheck(e)) || attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.debug("Concurrent message of a client of connection {}; looking again", connection);
            }
        }
    }

    private record First(String key, String stage) {
    }

    private static Optional<First> firstStage(Funnel funnel) {
        return funnel.stages().stream().findFirst().map(s -> new First(funnel.key(), s.key()));
    }

    /**
     * What the refresh of a known card compares: its names and whether a manager edited them, and whether it has an
     * e-mail and a phone.
     */
    private record Seen(long id, String firstName, String lastName, boolean namesEdited, boolean hasEmail,
                        boolean hasPhone) {

        static Seen of(ContactEntity c) {
            return new Seen(c.id(), c.firstName().orElse(null), c.lastName().orElse(null), c.namesEdited(),
                    c.email().isPresent(), c.phone().isPresent());
        }

        boolean namesDiffer(String first, String last) {
            return !namesEdited && (first != null || last != null)
                    && (!Objects.equals(firstName, first) || !Objects.equals(lastName, last));
        }

        /** Whether the card would change: other names, or contact details it lacks. */
        boolean differs(String first, String last, Optional<String> email, Optional<String> phone) {
            return namesDiffer(first, last) || (email.isPresent() && !hasEmail) || (phone.isPresent() && !hasPhone);
        }
    }

    /**
     * A contact detail of the profile as a manager's edit would store it; one that does not normalise is left out
     * (said at debug, without the value: it is personal data).
     */
    private static Optional<String> contact(String what, ConnectionId connection, Optional<String> value,
                                            UnaryOperator<Optional<String>> normalise) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return normalise.apply(value);
        } catch (InvalidInput e) {
            LOG.debug("A client of connection {} gave {} that does not read as one; left out", connection, what);
            return Optional.empty();
        }
    }

    /** Names as the channel reports them now, while no manager has edited them (CARD-2); whether they changed. */
    private static boolean refresh(ContactEntity c, String first, String last) {
        if (!Seen.of(c).namesDiffer(first, last)) {
            return false;
        }
        c.setProfileNames(first, last);
        return true;
    }

    /**
     * The file is looked up before the card's transaction opens (the store reads on its own connections, and a card
     * transaction never waits for a second one). The card's row lock orders two photos of one card, and a merge
     * taking this card's photo, so that the replaced file is removed only when no card shows it. The card's version
     * stays: the photo arrives in the background shortly after a new client's first message, just when a manager
     * may be editing the card, and must not turn that edit into a conflict.
     */
    @Override
    public void setPhoto(ContactId contact, FileId photo) {
        Optional<StoredFile> file = files.find(photo);
        unit.inTransaction((em, tx) -> {
            ContactEntity c = em.find(ContactEntity.class, contact.value(), LockModeType.PESSIMISTIC_WRITE);
            if (c == null) {
                throw new NotFound("contact", contact);
            }
            // a file of another project is unknown, as one that does not exist
            StoredFile f = file.filter(x -> x.project().value() == c.projectId())
                    .orElseThrow(() -> new NotFound("file", photo));
            if (f.kind() != MediaKind.IMAGE || !f.inline()) {
                throw new InvalidInput("photo", "not an image a browser shows: " + f.contentType());
            }
            Optional<FileId> replaced = c.photo();
            if (replaced.equals(Optional.of(photo))) {
                return null;
            }
            em.createNativeQuery("update contact set photo_file_id = ?1 where id = ?2")
                    .setParameter(1, photo.value()).setParameter(2, c.id()).executeUpdate();
            replaced.ifPresent(old -> Photos.removeWhenUnshown(em, tx, files, old));
            tx.afterCommit(() -> events.changed(c.projectId(), c.id()));
            return null;
        });
    }

    @Override
    public Optional<ContactId> find(ConnectionId connection, String externalUserId) {
        if (connections.find(connection).isEmpty()) {
            // an unknown or deleted connection knows no client, whatever identities its cards still show
            return Optional.empty();
        }
        return unit.read((em, tx) -> {
            @SuppressWarnings("unchecked")
            List<Object> ids = em.createNativeQuery("select contact_id from contact_identity"
                            + " where connection_id = ?1 and external_user_id = ?2")
                    .setParameter(1, connection.value()).setParameter(2, externalUserId).getResultList();
            return ids.stream().findFirst().map(id -> new ContactId(((Number) id).longValue()));
        });
    }

    /**
     * Only the columns the comparison needs, in one statement that EclipseLink runs on an autocommit connection:
     * a JPQL query (a native one would open a database transaction first); the identity's primary key makes the
     * subquery return at most one row.
     */
    private static Optional<Seen> seen(EntityManager em, long connection, String externalUserId) {
        List<Object[]> rows = em.createQuery("select c.id, c.firstName, c.lastName, c.namesEdited, c.email, c.phone"
                        + " from ContactEntity c where c.id = SQL('(select i.contact_id from contact_identity i"
                        + " where i.connection_id = ? and i.external_user_id = ?)', :connection, :user)",
                        Object[].class)
                .setParameter("connection", connection).setParameter("user", externalUserId).getResultList();
        return rows.stream().findFirst().map(r -> new Seen(((Number) r[0]).longValue(), (String) r[1],
                (String) r[2], Boolean.TRUE.equals(r[3]), r[4] != null, r[5] != null));
    }

    private static Optional<ContactEntity> byIdentity(EntityManager em, long connection, String externalUserId) {
        @SuppressWarnings("unchecked")
        List<ContactEntity> rows = em.createNativeQuery("select c.* from contact c join contact_identity i"
                        + " on i.contact_id = c.id where i.connection_id = ?1 and i.external_user_id = ?2",
                        ContactEntity.class)
                .setParameter(1, connection).setParameter(2, externalUserId).getResultList();
        return rows.stream().findFirst();
    }

    /** A profile name, trimmed and cut to the column's 120 characters; blank is none. */
    static String name(Optional<String> value) {
        String v = value.map(String::strip).orElse("");
        if (v.isEmpty()) {
            return null;
        }
        return v.length() <= 120 ? v : v.substring(0, 120).strip();
    }
}
