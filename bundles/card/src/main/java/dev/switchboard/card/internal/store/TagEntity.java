package dev.switchboard.card.internal.store;

import dev.switchboard.api.card.Tag;
import dev.switchboard.api.domain.TagId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Locale;

/** A tag of a project's catalogue (CARD-4); cards refer to it by id, so a rename shows everywhere. */
@Entity
@Table(name = "tag")
public class TagEntity {

    @Id
    @SequenceGenerator(name = "tag_seq", sequenceName = "tag_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "tag_seq")
    private Long id;

    @Column(name = "project_id", nullable = false)
    private Long projectId;

    @Column(nullable = false)
    private String name;

    /** The lower-cased name: unique per project, so names are unique case-insensitively. */
    @Column(name = "name_key", nullable = false)
    private String nameKey;

    @Column(nullable = false)
    private String colour;

    @Version
    private long version;

    protected TagEntity() {
    }

    public TagEntity(long projectId, String name, String colour) {
        this.projectId = projectId;
        set(name, colour);
    }

    public void set(String name, String colour) {
        this.name = name;
        this.nameKey = key(name);
        this.colour = colour;
    }

    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public Tag toRecord() {
        return new Tag(new TagId(id), name, colour);
    }

    public Long id() {
        return id;
    }

    public long projectId() {
        return projectId;
    }

    public String name() {
        return name;
    }

    public String colour() {
        return colour;
    }
}
