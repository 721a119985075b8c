package dev.switchboard.interactions.internal.store;

import dev.switchboard.api.interactions.AcquisitionTool;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A tool in a project's catalogue of acquisition tools, unique by name within the project (CARD-8a). */
@Entity
@Table(name = "acquisition_tool")
@Cacheable(false)
public class AcquisitionToolEntity {

    @Id
    @SequenceGenerator(name = "acquisition_tool_seq", sequenceName = "acquisition_tool_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "acquisition_tool_seq")
    private Long id;

    @Column(name = "project_id", nullable = false)
    private Long projectId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String kind;

    protected AcquisitionToolEntity() {
    }

    public AcquisitionToolEntity(long projectId, String name, String kind) {
        this.projectId = projectId;
        this.name = name;
        this.kind = kind;
    }

    public long id() {
        return id;
    }

    public AcquisitionTool toRecord() {
        return new AcquisitionTool(id, name, kind);
    }
}
