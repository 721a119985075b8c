package dev.switchboard.team.internal.store;

import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.domain.AccountId;
import dev.switchboard.api.team.Account;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import jakarta.persistence.EntityManager;
import java.util.Optional;

@Entity
@Table(name = "account")
public class AccountEntity {

    @Id
    @SequenceGenerator(name = "account_seq", sequenceName = "account_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "account_seq")
    private Long id;

    /** Stored normalised (trimmed, lower case), so the unique constraint is case-insensitive. */
    @Column(nullable = false)
    private String email;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    /** Argon2id hash in PHC format; null until a password is set. */
    @Column(name = "password_hash")
    private String passwordHash;

    @Column
    private String language;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected AccountEntity() {
    }

    public AccountEntity(String email, String displayName, Instant createdAt) {
        this.email = email;
        this.displayName = displayName;
        this.createdAt = StoreTimes.utc(createdAt);
    }

    public Long id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public Optional<String> passwordHash() {
        return Optional.ofNullable(passwordHash);
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public Account toRecord() {
        return new Account(new AccountId(id), email, displayName, Optional.ofNullable(language));
    }

    /** The account with this e-mail, already normalised (trimmed, lower case) by the caller. */
    public static Optional<AccountEntity> byEmail(EntityManager em, String normalisedEmail) {
        return em.createQuery("select a from AccountEntity a where a.email = :e", AccountEntity.class)
                .setParameter("e", normalisedEmail).getResultStream().findFirst();
    }
}
