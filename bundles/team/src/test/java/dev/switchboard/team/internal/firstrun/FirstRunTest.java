package dev.switchboard.team.internal.firstrun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.domain.Role;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.team.Authenticator;
import dev.switchboard.store.testing.PostgresDatabase;
import dev.switchboard.team.internal.auth.Credentials;
import dev.switchboard.team.internal.auth.LoginService;
import dev.switchboard.team.internal.auth.LoginThrottle;
import dev.switchboard.team.internal.auth.PasswordHasher;
import dev.switchboard.team.internal.service.TeamDirectory;
import dev.switchboard.team.internal.store.TeamUnit;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FirstRunTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    @Test
    void anEmptyDatabaseGetsADemoProjectWhoseOwnerCanLogInAndOnlyOnce() {
        PersistenceUnit unit = DB.database().open(TeamUnit.spec());
        Credentials credentials = new Credentials(new PasswordHasher(8192, 1),
                new LoginThrottle(Clock.systemUTC(), 5, Duration.ofMinutes(15), Duration.ofMinutes(15)));
        TeamDirectory team = new TeamDirectory(unit, credentials, Clock.systemUTC());

        assertThat(FirstRun.run(team, team, "Demo", "owner@switchboard.local", "first-run-secret")).isTrue();
        assertThat(FirstRun.run(team, team, "Demo", "owner@switchboard.local", "other-secret")).isFalse();

        assertThat(team.list()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("Demo");
            assertThat(team.list(p.id())).singleElement().satisfies(m -> assertThat(m.role()).isEqualTo(Role.OWNER));
        });
        assertThat(LoginService.on(unit, credentials).authenticate("owner@switchboard.local",
                "first-run-secret".toCharArray(), "127.0.0.1")).isInstanceOf(Authenticator.Success.class);
    }

    @Test
    void aGeneratedPasswordIsLongAndUnambiguous() {
        assertThat(FirstRun.randomPassword()).hasSize(14).doesNotContain("0", "O", "l", "1", "I");
    }
}
