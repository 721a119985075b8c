package dev.switchboard.team.internal.service;

import dev.switchboard.api.domain.AccountId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.team.AccessRights;
import dev.switchboard.api.team.Account;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.api.team.Project;
import dev.switchboard.api.team.ProjectService;
import dev.switchboard.api.team.TeamEvents;
import dev.switchboard.team.internal.auth.Credentials;
import dev.switchboard.team.internal.auth.LoginThrottle;
import dev.switchboard.team.internal.store.AccountEntity;
import dev.switchboard.team.internal.store.MemberEntity;
import dev.switchboard.team.internal.store.ProjectEntity;
import dev.switchboard.team.internal.store.TeamUnit;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Projects, accounts and memberships. A password set and a member's rights changed are posted as
 * {@link TeamEvents} after the commit, so that open consoles end the sessions the change takes away (issue 12).
 */
@Component(service = {ProjectService.class, MemberService.class})
public final class TeamDirectory implements ProjectService, MemberService {

    private final PersistenceUnit unit;
    private final Credentials credentials;
    private final LoginThrottle throttle;
    private final Clock clock;

    /** Optional: without Event Admin (tests) nothing is posted, and consoles find out when they next check. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin events;

    @Activate
    public TeamDirectory(@Reference TeamUnit unit, @Reference Credentials credentials) {
        this(unit.unit(), credentials, Clock.systemUTC());
    }

    public TeamDirectory(PersistenceUnit unit, Credentials credentials, Clock clock) {
        this.unit = unit;
        this.credentials = credentials;
        this.throttle = credentials.throttle().in(unit);
        this.clock = clock;
    }

    @Override
    public Project create(String name) {
        String n = Inputs.name("name", name, 120);
        return unit.inTransaction((em, tx) -> {
            if (!em.createQuery("select p.id from ProjectEntity p where p.nameKey = :k")
                    .setParameter("k", ProjectEntity.key(n)).getResultList().isEmpty()) {
                throw new Conflict("error.projectExists", "a project with this name exists: " + n, List.of(n));
            }
            ProjectEntity p = new ProjectEntity(n, clock.instant());
            em.persist(p);
            em.flush();
            return p.toRecord();
        });
    }

    @Override
    public List<Project> list() {
        return unit.read((em, tx) -> em.createQuery("select p from ProjectEntity p order by p.nameKey, p.id",
                ProjectEntity.class).getResultStream().map(ProjectEntity::toRecord).toList());
    }

    @Override
    public Optional<Project> find(ProjectId id) {
        return unit.read((em, tx) -> Optional.ofNullable(em.find(ProjectEntity.class, id.value()))
                .map(ProjectEntity::toRecord));
    }

    @Override
    public Member add(ProjectId project, String email, String displayName, Role role) {
        String e = Inputs.email(email);
        String n = Inputs.name("displayName", displayName, 120);
        if (role == null) {
            throw new InvalidInput("role", "must be given");
        }
        return unit.inTransaction((em, tx) -> {
            if (em.find(ProjectEntity.class, project.value()) == null) {
                throw new NotFound("project", project);
            }
            AccountEntity account = AccountEntity.byEmail(em, e).orElseGet(() -> {
                AccountEntity a = new AccountEntity(e, n, clock.instant());
                em.persist(a);
                return a;
            });
            if (account.id() != null && !em.createQuery(
                            "select m.id from MemberEntity m where m.projectId = :p and m.account = :a")
                    .setParameter("p", project.value()).setParameter("a", account).getResultList().isEmpty()) {
                throw new Conflict("error.memberExists", e + " is a member of project " + project + " already",
                        List.of(e));
            }
            MemberEntity m = new MemberEntity(project.value(), account, role, AccessRights.ALL, clock.instant());
            em.persist(m);
            em.flush();
            return m.toRecord();
        });
    }

    @Override
    public List<Member> list(ProjectId project) {
        return unit.read((em, tx) -> em.createQuery(
                        "select m from MemberEntity m where m.projectId = :p order by m.account.displayName, m.id",
                        MemberEntity.class)
                .setParameter("p", project.value()).getResultStream().map(MemberEntity::toRecord).toList());
    }

    @Override
    public Optional<Member> find(MemberId id) {
        return unit.read((em, tx) -> Optional.ofNullable(em.find(MemberEntity.class, id.value()))
                .map(MemberEntity::toRecord));
    }

    @Override
    public List<Member> membershipsOf(AccountId account) {
        return unit.read((em, tx) -> em.createQuery(
                        "select m from MemberEntity m where m.account.id = :a order by m.projectId",
                        MemberEntity.class)
                .setParameter("a", account.value()).getResultStream().map(MemberEntity::toRecord).toList());
    }

    @Override
    public Optional<Account> account(AccountId id) {
        return unit.read((em, tx) -> Optional.ofNullable(em.find(AccountEntity.class, id.value()))
                .map(AccountEntity::toRecord));
    }

    @Override
    public Member setRights(MemberId member, AccessRights rights) {
        return unit.inTransaction((em, tx) -> {
            MemberEntity m = em.find(MemberEntity.class, member.value());
            if (m == null) {
                throw new NotFound("member", member);
            }
            m.setRights(rights);
            Member changed = m.toRecord();
            tx.afterCommit(() -> post(TeamEvents.MEMBER_CHANGED, Map.of(TeamEvents.ACCOUNT, changed.account().value(),
                    TeamEvents.PROJECT, changed.project().value(), TeamEvents.MEMBER, changed.id().value())));
            return changed;
        });
    }

    @Override
    public Account setPassword(String email, char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new InvalidInput("password", "shorter than " + MIN_PASSWORD_LENGTH + " characters");
        }
        String e = Inputs.email(email);
        // Hash outside the transaction: Argon2id is slow on purpose and must not hold a connection.
        String hash = credentials.hasher().hash(password);
        Arrays.fill(password, '\0');
        Account account = unit.inTransaction((em, tx) -> {
            AccountEntity a = AccountEntity.byEmail(em, e).orElseThrow(() -> new NotFound("account", e));
            a.setPasswordHash(hash);
            Account changed = a.toRecord();
            tx.afterCommit(() -> post(TeamEvents.ACCOUNT_CHANGED, Map.of(TeamEvents.ACCOUNT,
                    changed.id().value())));
            return changed;
        });
        throttle.succeeded(e);
        return account;
    }

    /** For tests outside OSGi: where the events go. */
    public void events(EventAdmin events) {
        this.events = events;
    }

    private void post(String topic, Map<String, Object> properties) {
        EventAdmin admin = events;
        if (admin != null) {
            admin.postEvent(new Event(topic, properties));
        }
    }

    @Override
    public void setLanguage(AccountId account, Optional<String> language) {
        String l = language.map(Inputs::language).orElse(null);
        unit.inTransaction((em, tx) -> {
            AccountEntity a = em.find(AccountEntity.class, account.value());
            if (a == null) {
                throw new NotFound("account", account);
            }
            a.setLanguage(l);
            return null;
        });
    }
}
