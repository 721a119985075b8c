package dev.switchboard.card.internal.store;

import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.card.Gender;
import dev.switchboard.api.card.PersonalInfo;
import dev.switchboard.api.domain.FileId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A client card (CARD-1..6). {@code version} makes concurrent edits lose with a conflict instead of overwriting
 * each other; {@code search_text} is derived from the fields on every write ({@link SearchText}).
 */
@Entity
@Table(name = "contact")
public class ContactEntity {

    @Id
    @SequenceGenerator(name = "contact_seq", sequenceName = "contact_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_seq")
    private Long id;

    @Column(name = "project_id", nullable = false)
    private Long projectId;

    @Column(name = "first_name")
    private String firstName;

    @Column(name = "last_name")
    private String lastName;

    /**
     * The photo's file in the blob store (CARD-2). Written only by statements that decide on the database's current
     * value (ContactDirectoryImpl.setPhoto, the merge), never by flushing this entity, so that a photo arriving
     * while a card is being edited neither changes its version nor is overwritten by the edit.
     */
    @Column(name = "photo_file_id", insertable = false, updatable = false)
    private Long photoFileId;

    @Column(name = "funnel_key")
    private String funnelKey;

    @Column(name = "funnel_stage")
    private String funnelStage;

    private String email;

    private String phone;

    @Enumerated(EnumType.STRING)
    private Gender gender;

    private String country;

    private String city;

    private String address;

    private String about;

    @Column(name = "names_edited", nullable = false)
    private boolean namesEdited;

    /** Set when a merge into that contact has begun: this card is removed when the merge completes. */
    @Column(name = "merged_into")
    private Long mergedInto;

    @Column(name = "search_text", nullable = false)
    private String searchText = "";

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Version
    private long version;

    protected ContactEntity() {
    }

    public ContactEntity(long projectId, Instant createdAt) {
        this.projectId = projectId;
        this.createdAt = StoreTimes.utc(createdAt);
    }

    @PrePersist
    @PreUpdate
    void deriveSearchText() {
        searchText = SearchText.of(firstName, lastName, email, phone, about);
    }

    public PersonalInfo personal() {
        return new PersonalInfo(Optional.ofNullable(firstName), Optional.ofNullable(lastName),
                Optional.ofNullable(email), Optional.ofNullable(phone), Optional.ofNullable(gender),
                Optional.ofNullable(country), Optional.ofNullable(city), Optional.ofNullable(address),
                Optional.ofNullable(about));
    }

    /** Replaces every personal field with the (normalised) values given; whether anything changed. */
    public boolean setPersonal(PersonalInfo info) {
        boolean namesChanged = !eq(firstName, info.firstName()) || !eq(lastName, info.lastName());
        boolean changed = namesChanged || !eq(email, info.email()) || !eq(phone, info.phone())
                || gender != info.gender().orElse(null) || !eq(country, info.country()) || !eq(city, info.city())
                || !eq(address, info.address()) || !eq(about, info.about());
        if (!changed) {
            return false;
        }
        if (namesChanged) {
            namesEdited = true;
        }
        firstName = info.firstName().orElse(null);
        lastName = info.lastName().orElse(null);
        email = info.email().orElse(null);
        phone = info.phone().orElse(null);
        gender = info.gender().orElse(null);
        country = info.country().orElse(null);
        city = info.city().orElse(null);
        address = info.address().orElse(null);
        about = info.about().orElse(null);
        return true;
    }

    /**
     * Takes the other card's values for every personal field that is empty here (contact merge); the photo is the
     * merge's own statement (see {@link #photo()}).
     */
    public boolean fillEmptyFrom(ContactEntity other) {
        boolean changed = false;
        if (firstName == null && lastName == null && (other.firstName != null || other.lastName != null)) {
            firstName = other.firstName;
            lastName = other.lastName;
            namesEdited = other.namesEdited;
            changed = true;
        }
        if (funnelStage == null && other.funnelStage != null) {
            funnelKey = other.funnelKey;
            funnelStage = other.funnelStage;
            changed = true;
        }
        if (email == null && other.email != null) {
            email = other.email;
            changed = true;
        }
        if (phone == null && other.phone != null) {
            phone = other.phone;
            changed = true;
        }
        if (gender == null && other.gender != null) {
            gender = other.gender;
            changed = true;
        }
        if (country == null && other.country != null) {
            country = other.country;
            changed = true;
        }
        if (city == null && other.city != null) {
            city = other.city;
            changed = true;
        }
        if (address == null && other.address != null) {
            address = other.address;
            changed = true;
        }
        if (about == null && other.about != null) {
            about = other.about;
            changed = true;
        }
        return changed;
    }

    private static boolean eq(String current, Optional<String> value) {
        return java.util.Objects.equals(current, value.orElse(null));
    }

    public Long id() {
        return id;
    }

    public long projectId() {
        return projectId;
    }

    public Optional<String> firstName() {
        return Optional.ofNullable(firstName);
    }

    public Optional<String> lastName() {
        return Optional.ofNullable(lastName);
    }

    /**
     * The e-mail and phone the client gave (CARD-6), normalised, each only where the card has none: a value already
     * on the card, a manager's or an earlier one of the client's, is never replaced. Whether anything changed.
     */
    public boolean fillContacts(Optional<String> newEmail, Optional<String> newPhone) {
        boolean changed = false;
        if (email == null && newEmail.isPresent()) {
            email = newEmail.get();
            changed = true;
        }
        if (phone == null && newPhone.isPresent()) {
            phone = newPhone.get();
            changed = true;
        }
        return changed;
    }

    /** Names as the channel reports them (CARD-2); the caller checks {@link #namesEdited()} first. */
    public void setProfileNames(String firstName, String lastName) {
        this.firstName = firstName;
        this.lastName = lastName;
    }

    public Optional<FileId> photo() {
        return Optional.ofNullable(photoFileId).map(FileId::new);
    }

    public Optional<String> funnelKey() {
        return Optional.ofNullable(funnelKey);
    }

    public Optional<String> funnelStage() {
        return Optional.ofNullable(funnelStage);
    }

    public void setStatus(String funnelKey, String funnelStage) {
        this.funnelKey = funnelKey;
        this.funnelStage = funnelStage;
    }

    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    public Optional<String> phone() {
        return Optional.ofNullable(phone);
    }

    public boolean namesEdited() {
        return namesEdited;
    }

    public Optional<Long> mergedInto() {
        return Optional.ofNullable(mergedInto);
    }

    public void setMergedInto(Long survivor) {
        this.mergedInto = survivor;
    }

    public String searchText() {
        return searchText;
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }

    public long version() {
        return version;
    }
}
