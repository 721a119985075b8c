package dev.switchboard.team.internal.store;

import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.team.Group;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

@Entity
@Table(name = "project_group")
public class GroupEntity {

    @Id
    @SequenceGenerator(name = "project_group_seq", sequenceName = "project_group_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "project_group_seq")
    private Long id;

    @Column(name = "project_id", nullable = false)
    private Long projectId;

    @Column(nullable = false)
    private String name;

    @Column(name = "name_key", nullable = false)
    private String nameKey;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "project_group_member", joinColumns = @JoinColumn(name = "group_id"))
    @Column(name = "member_id")
    private Set<Long> members = new HashSet<>();

    protected GroupEntity() {
    }

    public GroupEntity(long projectId, String name, Instant createdAt) {
        this.projectId = projectId;
        this.name = name;
        this.nameKey = ProjectEntity.key(name);
        this.createdAt = StoreTimes.utc(createdAt);
    }

    public Long id() {
        return id;
    }

    public long projectId() {
        return projectId;
    }

    public void setMembers(Set<MemberId> members) {
        this.members.clear();
        members.forEach(m -> this.members.add(m.value()));
    }

    public Group toRecord(Set<String> sources) {
        return new Group(new GroupId(id), new ProjectId(projectId), name,
                members.stream().map(MemberId::new).collect(Collectors.toSet()), sources);
    }
}
