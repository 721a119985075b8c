package dev.switchboard.interactions.internal.store;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The row a visit report locks for its contact, so that concurrent reports of the same visit are decided one after
 * the other by the database (CARD-8c).
 */
@Entity
@Table(name = "contact_visit_lock")
@Cacheable(false)
public class VisitLockEntity {

    @Id
    @Column(name = "contact_id")
    private Long contactId;

    @Column(name = "project_id", nullable = false)
    private Long projectId;

    protected VisitLockEntity() {
    }

    public VisitLockEntity(long projectId, long contactId) {
        this.projectId = projectId;
        this.contactId = contactId;
    }
}
