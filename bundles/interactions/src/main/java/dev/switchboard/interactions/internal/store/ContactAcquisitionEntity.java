package dev.switchboard.interactions.internal.store;

import dev.switchboard.api.store.StoreTimes;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A contact came through a tool; one row per (contact, tool) with the earliest time (CARD-8a). */
@Entity
@Table(name = "contact_acquisition")
@IdClass(ContactAcquisitionEntity.Key.class)
@Cacheable(false)
public class ContactAcquisitionEntity {

    @Id
    @Column(name = "contact_id")
    private Long contactId;

    @Id
    @Column(name = "tool_id")
    private Long toolId;

    @Column(name = "project_id", nullable = false)
    private Long projectId;

    @Column(name = "first_at", nullable = false)
    private OffsetDateTime firstAt;

    protected ContactAcquisitionEntity() {
    }

    public ContactAcquisitionEntity(long projectId, long contactId, long toolId, Instant firstAt) {
        this.projectId = projectId;
        this.contactId = contactId;
        this.toolId = toolId;
        this.firstAt = StoreTimes.utc(firstAt);
    }

    public long projectId() {
        return projectId;
    }

    public long toolId() {
        return toolId;
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

    /** The primary key. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private Long contactId;
        private Long toolId;

        public Key() {
        }

        public Key(long contactId, long toolId) {
            this.contactId = contactId;
            this.toolId = toolId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(contactId, k.contactId)
                    && java.util.Objects.equals(toolId, k.toolId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(contactId, toolId);
        }
    }
}
