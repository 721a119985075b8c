package dev.switchboard.team.internal.store;

import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.team.Project;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;

@Entity
@Table(name = "project")
public class ProjectEntity {

    @Id
    @SequenceGenerator(name = "project_seq", sequenceName = "project_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "project_seq")
    private Long id;

    @Column(nullable = false)
    private String name;

    /** The name folded for the case-insensitive unique constraint. */
    @Column(name = "name_key", nullable = false)
    private String nameKey;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected ProjectEntity() {
    }

    public ProjectEntity(String name, Instant createdAt) {
        this.name = name;
        this.nameKey = key(name);
        this.createdAt = StoreTimes.utc(createdAt);
    }

    public static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    public Long id() {
        return id;
    }

    public Project toRecord() {
        return new Project(new ProjectId(id), name, createdAt.toInstant());
    }
}
