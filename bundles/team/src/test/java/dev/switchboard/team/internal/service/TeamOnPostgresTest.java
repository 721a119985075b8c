package dev.switchboard.team.internal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.domain.Role;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.team.AccessRights;
import dev.switchboard.api.team.Authenticator;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.Project;
import dev.switchboard.store.testing.PostgresDatabase;
import dev.switchboard.team.internal.auth.Credentials;
import dev.switchboard.team.internal.auth.LoginService;
import dev.switchboard.team.internal.auth.LoginThrottle;
import dev.switchboard.team.internal.auth.PasswordHasher;
import dev.switchboard.team.internal.firstrun.FirstRun;
import dev.switchboard.team.internal.store.TeamUnit;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Projects, members and logins against a real PostgreSQL database (TEAM-1, TEAM-7). */
class TeamOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static TeamDirectory team;
    static LoginService logins;

    @BeforeAll
    static void open() {
        PersistenceUnit unit = DB.database().open(TeamUnit.spec());
        Credentials credentials = new Credentials(new PasswordHasher(8192, 1),
                new LoginThrottle(Clock.systemUTC(), 3, Duration.ofMinutes(15), Duration.ofMinutes(15)));
        team = new TeamDirectory(unit, credentials, Clock.systemUTC());
        logins = LoginService.on(unit, credentials);
    }

    @Test
    void projectNamesAreUniqueWhateverTheirCase() {
        Project p = team.create("Acme Realty");
        assertThat(team.find(p.id())).contains(p);
        assertThatThrownBy(() -> team.create("  acme REALTY ")).isInstanceOf(Conflict.class);
    }

    @Test
    void aMemberIsAddedWithRoleAndFullAccessAndAnAccountIsShared() {
        Project a = team.create("Alpha");
        Project b = team.create("Beta");
        Member inA = team.add(a.id(), "Vitaly@Example.com", "Vitaly", Role.ADMIN);
        Member inB = team.add(b.id(), "vitaly@example.com", "Vitaly", Role.MANAGER);
        assertThat(inA.email()).isEqualTo("vitaly@example.com");
        assertThat(inA.rights()).isEqualTo(AccessRights.ALL);
        assertThat(inA.account()).isEqualTo(inB.account());
        assertThat(team.membershipsOf(inA.account())).extracting(Member::role)
                .containsExactly(Role.ADMIN, Role.MANAGER);
        assertThat(team.list(a.id())).containsExactly(inA);
    }

    @Test
    void addingTheSameAccountTwiceToAProjectIsAConflict() {
        Project p = team.create("Gamma");
        team.add(p.id(), "dima@example.com", "Dima", Role.MANAGER);
        assertThatThrownBy(() -> team.add(p.id(), "DIMA@example.com", "Dima", Role.ADMIN))
                .isInstanceOf(Conflict.class);
        assertThat(team.list(p.id())).hasSize(1);
    }

    @Test
    void badInputIsRefusedWithTheFieldNamed() {
        Project p = team.create("Delta");
        assertThatThrownBy(() -> team.add(p.id(), "not-an-email", "X", Role.MANAGER))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("email"));
        assertThatThrownBy(() -> team.add(p.id(), "x@example.com", " ", Role.MANAGER))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("displayName"));
        assertThatThrownBy(() -> team.add(new dev.switchboard.api.domain.ProjectId(999_999), "x@example.com",
                "X", Role.MANAGER)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> team.setPassword("x@example.com", "short".toCharArray()))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void TEAM7_accessRightsCanBeNarrowed() {
        Project p = team.create("Epsilon");
        Member m = team.add(p.id(), "konstantin@example.com", "Konstantin", Role.MANAGER);
        Member narrowed = team.setRights(m.id(), new AccessRights(false, false));
        assertThat(narrowed.rights()).isEqualTo(new AccessRights(false, false));
        assertThat(team.find(m.id())).contains(narrowed);
    }

    @Test
    void aMemberLogsInWithTheirPasswordOnly() {
        Project p = team.create("Zeta");
        team.add(p.id(), "olga@example.com", "Olga", Role.MANAGER);
        assertThat(logins.authenticate("olga@example.com", "any-password".toCharArray(), "10.0.0.1"))
                .as("no password set yet").isInstanceOf(Authenticator.Failure.class);
        team.setPassword("olga@example.com", "olga-secret-1".toCharArray());
        assertThat(logins.authenticate(" OLGA@example.com ", "olga-secret-1".toCharArray(), "10.0.0.1"))
                .isInstanceOfSatisfying(Authenticator.Success.class,
                        s -> assertThat(s.account().email()).isEqualTo("olga@example.com"));
        assertThat(logins.authenticate("olga@example.com", "wrong".toCharArray(), "10.0.0.1"))
                .isInstanceOf(Authenticator.Failure.class);
    }

    @Test
    void repeatedFailuresThrottleEvenTheRightPasswordUntilAReset() {
        Project p = team.create("Eta");
        team.add(p.id(), "boris@example.com", "Boris", Role.MANAGER);
        team.setPassword("boris@example.com", "boris-secret-1".toCharArray());
        for (int i = 0; i < 4; i++) {
            logins.authenticate("boris@example.com", "guess".toCharArray(), "10.0.0." + (10 + i));
        }
        assertThat(logins.authenticate("boris@example.com", "boris-secret-1".toCharArray(), "10.0.0.99"))
                .isInstanceOf(Authenticator.Throttled.class);
        team.setPassword("boris@example.com", "boris-secret-2".toCharArray());
        assertThat(logins.authenticate("boris@example.com", "boris-secret-2".toCharArray(), "10.0.0.99"))
                .isInstanceOf(Authenticator.Success.class);
    }

    @Test
    void theLanguageChoiceIsRemembered() {
        Project p = team.create("Theta");
        Member m = team.add(p.id(), "ivan@example.com", "Ivan", Role.MANAGER);
        team.setLanguage(m.account(), Optional.of("RU"));
        assertThat(team.account(m.account()).orElseThrow().language()).contains("ru");
        assertThatThrownBy(() -> team.setLanguage(m.account(), Optional.of("de"))).isInstanceOf(InvalidInput.class);
    }
}
