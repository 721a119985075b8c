package dev.switchboard.team.internal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.domain.AccountId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.team.AccessRights;
import dev.switchboard.api.team.Authenticator;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.Project;
import dev.switchboard.api.team.TeamEvents;
import dev.switchboard.store.testing.PostgresDatabase;
import dev.switchboard.team.internal.auth.Credentials;
import dev.switchboard.team.internal.auth.LoginService;
import dev.switchboard.team.internal.auth.LoginThrottle;
import dev.switchboard.team.internal.auth.PasswordHasher;
import dev.switchboard.team.internal.store.TeamUnit;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * What ends a member's console sessions (issue 12), as the team bundle tells it: a login's stamp stops standing
 * when the password is set again, on any node (the stamp is read from the database), and the change is posted to
 * the open consoles of the node that made it.
 */
class SessionsEndOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static TeamDirectory team;
    static LoginService logins;
    /** A second node's authenticator on the same database. */
    static LoginService otherNode;
    static final List<Event> posted = new CopyOnWriteArrayList<>();
    static int projects;

    Project project;

    @BeforeAll
    static void open() {
        PersistenceUnit unit = DB.database().open(TeamUnit.spec());
        Credentials credentials = new Credentials(new PasswordHasher(8192, 1),
                new LoginThrottle(Clock.systemUTC(), 5, Duration.ofMinutes(15), Duration.ofMinutes(15)));
        team = new TeamDirectory(unit, credentials, Clock.systemUTC());
        team.events(new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                posted.add(event);
            }
        });
        logins = LoginService.on(unit, credentials);
        otherNode = LoginService.on(DB.database().open(TeamUnit.spec()), credentials);
    }

    @BeforeEach
    void aProject() {
        project = team.create("Agency " + (++projects));
        posted.clear();
    }

    @Test
    void PLAT2_aPasswordResetEndsTheLoginsMadeWithTheOldPasswordOnEveryNode() {
        team.add(project.id(), "anna" + projects + "@example.com", "Anna", Role.MANAGER);
        String email = "anna" + projects + "@example.com";
        team.setPassword(email, "first-password".toCharArray());
        Authenticator.Success first = login(email, "first-password");
        assertThat(logins.stillValid(first.account().id(), first.credentialStamp())).isTrue();
        assertThat(otherNode.stillValid(first.account().id(), first.credentialStamp())).isTrue();

        team.setPassword(email, "second-password".toCharArray());

        assertThat(logins.stillValid(first.account().id(), first.credentialStamp())).isFalse();
        assertThat(otherNode.stillValid(first.account().id(), first.credentialStamp())).isFalse();
        Authenticator.Success second = login(email, "second-password");
        assertThat(second.credentialStamp()).isNotEqualTo(first.credentialStamp());
        assertThat(otherNode.stillValid(second.account().id(), second.credentialStamp())).isTrue();
    }

    @Test
    void PLAT2_evenTheSamePasswordSetAgainEndsTheOldLogins() {
        String email = "boris" + projects + "@example.com";
        team.add(project.id(), email, "Boris", Role.MANAGER);
        team.setPassword(email, "same-password".toCharArray());
        Authenticator.Success before = login(email, "same-password");
        team.setPassword(email, "same-password".toCharArray());
        assertThat(logins.stillValid(before.account().id(), before.credentialStamp())).isFalse();
    }

    @Test
    void aStampNamesOneAccountOnly() {
        String anna = "clara" + projects + "@example.com";
        String dima = "dima" + projects + "@example.com";
        team.add(project.id(), anna, "Clara", Role.MANAGER);
        Member other = team.add(project.id(), dima, "Dima", Role.MANAGER);
        team.setPassword(anna, "clara-password".toCharArray());
        team.setPassword(dima, "dima-password".toCharArray());
        Authenticator.Success clara = login(anna, "clara-password");
        assertThat(logins.stillValid(other.account(), clara.credentialStamp())).isFalse();
        assertThat(logins.stillValid(new AccountId(999_999_999L), clara.credentialStamp())).isFalse();
        assertThat(logins.stillValid(clara.account().id(), null)).isFalse();
        assertThat(clara.credentialStamp()).doesNotContain("argon2");
    }

    @Test
    void aPasswordSetIsPostedForTheAccountAfterItsCommit() {
        String email = "erik" + projects + "@example.com";
        Member erik = team.add(project.id(), email, "Erik", Role.MANAGER);
        team.setPassword(email, "erik-password".toCharArray());
        assertThat(posted).singleElement().satisfies(event -> {
            assertThat(event.getTopic()).isEqualTo(TeamEvents.ACCOUNT_CHANGED);
            assertThat(event.getProperty(TeamEvents.ACCOUNT)).isEqualTo(erik.account().value());
        });
        assertThatThrownBy(() -> team.setPassword("nobody@example.com", "whatever-password".toCharArray()))
                .isInstanceOf(NotFound.class);
        assertThat(posted).hasSize(1);
    }

    @Test
    void TEAM7_narrowedRightsArePostedForTheMember() {
        Member fedor = team.add(project.id(), "fedor" + projects + "@example.com", "Fedor", Role.MANAGER);
        team.setRights(fedor.id(), new AccessRights(false, true));
        assertThat(posted).singleElement().satisfies(event -> {
            assertThat(event.getTopic()).isEqualTo(TeamEvents.MEMBER_CHANGED);
            assertThat(Map.of(TeamEvents.ACCOUNT, event.getProperty(TeamEvents.ACCOUNT),
                    TeamEvents.PROJECT, event.getProperty(TeamEvents.PROJECT),
                    TeamEvents.MEMBER, event.getProperty(TeamEvents.MEMBER)))
                    .isEqualTo(Map.of(TeamEvents.ACCOUNT, fedor.account().value(),
                            TeamEvents.PROJECT, project.id().value(), TeamEvents.MEMBER, fedor.id().value()));
        });
    }

    private static Authenticator.Success login(String email, String password) {
        Authenticator.Result result = logins.authenticate(email, password.toCharArray(), "198.51.100.1");
        assertThat(result).isInstanceOf(Authenticator.Success.class);
        return (Authenticator.Success) result;
    }
}
