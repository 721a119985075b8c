package dev.switchboard.team.internal.store;

import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.domain.AccountId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.team.AccessRights;
import dev.switchboard.api.team.Member;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;

@Entity
@Table(name = "member")
public class MemberEntity {

    @Id
    @SequenceGenerator(name = "member_seq", sequenceName = "member_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "member_seq")
    private Long id;

    @Column(name = "project_id", nullable = false)
    private Long projectId;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "account_id", nullable = false)
    private AccountEntity account;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "see_new", nullable = false)
    private boolean seeNew;

    @Column(name = "see_others", nullable = false)
    private boolean seeOthers;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected MemberEntity() {
    }

    public MemberEntity(long projectId, AccountEntity account, Role role, AccessRights rights, Instant createdAt) {
        this.projectId = projectId;
        this.account = account;
        this.role = role;
        this.seeNew = rights.seeNew();
        this.seeOthers = rights.seeOthers();
        this.createdAt = StoreTimes.utc(createdAt);
    }

    public void setRights(AccessRights rights) {
        this.seeNew = rights.seeNew();
        this.seeOthers = rights.seeOthers();
    }

    public Member toRecord() {
        return new Member(new MemberId(id), new ProjectId(projectId), new AccountId(account.id()), account.email(),
                account.displayName(), role, new AccessRights(seeNew, seeOthers));
    }
}
