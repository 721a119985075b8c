package dev.switchboard.interactions.internal.store;

import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.interactions.GoogleClientId;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A Google Analytics client id of a contact: one row per (contact, client id), i.e. per device (CARD-8b). */
@Entity
@Table(name = "google_client_id")
@IdClass(GoogleClientIdEntity.Key.class)
@Cacheable(false)
public class GoogleClientIdEntity {

    @Id
    @Column(name = "contact_id")
    private Long contactId;

    @Id
    @Column(name = "client_id")
    private String clientId;

    @Column(name = "project_id", nullable = false)
    private Long projectId;

    @Column(name = "first_at", nullable = false)
    private OffsetDateTime firstAt;

    protected GoogleClientIdEntity() {
    }

    public GoogleClientIdEntity(long projectId, long contactId, String clientId, Instant firstAt) {
        this.projectId = projectId;
        this.contactId = contactId;
        this.clientId = clientId;
        this.firstAt = StoreTimes.utc(firstAt);
    }

    public long projectId() {
        return projectId;
    }

    public String clientId() {
        return clientId;
    }

    public Instant firstAt() {
        return StoreTimes.instant(firstAt);
    }

    /** Keeps the earlier of the stored and the given time; true if that changed the row. */
    public boolean seenAt(Instant at) {
        OffsetDateTime candidate = StoreTimes.utc(at);
        if (candidate.isBefore(firstAt)) {
            firstAt = candidate;
            return true;
        }
        return false;
    }

    public GoogleClientId toRecord() {
        return new GoogleClientId(clientId, firstAt());
    }

    /** The primary key. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private Long contactId;
        private String clientId;

        public Key() {
        }

        public Key(long contactId, String clientId) {
            this.contactId = contactId;
            this.clientId = clientId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(contactId, k.contactId)
                    && java.util.Objects.equals(clientId, k.clientId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(contactId, clientId);
        }
    }
}
