package dev.switchboard.console.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.domain.AccountId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.team.AccessRights;
import dev.switchboard.api.team.Account;
import dev.switchboard.api.team.Member;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When a console login ends (issue 12), as a table: a password set again, the membership gone or given to someone
 * else, a role or a right taken away; a member who only gained something stays logged in.
 */
class SessionCheckTest {

    private static final Member ADMIN = new Member(new MemberId(7), new ProjectId(1), new AccountId(3),
            "anna@example.com", "Anna", Role.ADMIN, AccessRights.ALL);
    private static final ConsoleSession LOGIN = new ConsoleSession(new Account(new AccountId(3), "anna@example.com",
            "Anna", Optional.empty()), ADMIN, "stamp");

    @Test
    void PLAT2_aPasswordSetAgainEndsTheSession() {
        assertThat(SessionCheck.judge(LOGIN, false, Optional.of(ADMIN)))
                .isEqualTo(new SessionCheck.End(SessionCheck.Reason.PASSWORD));
    }

    @Test
    void TEAM1_aRemovedMemberIsLoggedOut() {
        assertThat(SessionCheck.judge(LOGIN, true, Optional.empty()))
                .isEqualTo(new SessionCheck.End(SessionCheck.Reason.REMOVED));
        // the same member id naming another account (a database switched underneath) is not this login
        assertThat(SessionCheck.judge(LOGIN, true, Optional.of(with(ADMIN, new AccountId(4), ADMIN.project()))))
                .isEqualTo(new SessionCheck.End(SessionCheck.Reason.REMOVED));
        assertThat(SessionCheck.judge(LOGIN, true, Optional.of(with(ADMIN, ADMIN.account(), new ProjectId(2)))))
                .isEqualTo(new SessionCheck.End(SessionCheck.Reason.REMOVED));
    }

    @Test
    void TEAM1_aLowerRoleEndsTheSession() {
        assertThat(SessionCheck.judge(LOGIN, true, Optional.of(with(ADMIN, Role.MANAGER))))
                .isEqualTo(new SessionCheck.End(SessionCheck.Reason.ROLE));
    }

    @Test
    void TEAM7_aTabTakenAwayEndsTheSession() {
        assertThat(SessionCheck.judge(LOGIN, true, Optional.of(with(ADMIN, new AccessRights(false, true)))))
                .isEqualTo(new SessionCheck.End(SessionCheck.Reason.RIGHTS));
        assertThat(SessionCheck.judge(LOGIN, true, Optional.of(with(ADMIN, new AccessRights(true, false)))))
                .isEqualTo(new SessionCheck.End(SessionCheck.Reason.RIGHTS));
    }

    @Test
    void whatWasGainedIsTakenInWithoutEndingTheSession() {
        Member owner = with(ADMIN, Role.OWNER);
        assertThat(SessionCheck.judge(LOGIN, true, Optional.of(owner))).isEqualTo(new SessionCheck.Refresh(owner));
        ConsoleSession narrow = LOGIN.withMember(with(ADMIN, new AccessRights(false, false)));
        Member widened = with(ADMIN, new AccessRights(true, false));
        assertThat(SessionCheck.judge(narrow, true, Optional.of(widened)))
                .isEqualTo(new SessionCheck.Refresh(widened));
    }

    @Test
    void nothingChangedKeepsTheSession() {
        assertThat(SessionCheck.judge(LOGIN, true, Optional.of(ADMIN))).isEqualTo(new SessionCheck.Keep());
    }

    private static Member with(Member m, Role role) {
        return new Member(m.id(), m.project(), m.account(), m.email(), m.displayName(), role, m.rights());
    }

    private static Member with(Member m, AccessRights rights) {
        return new Member(m.id(), m.project(), m.account(), m.email(), m.displayName(), m.role(), rights);
    }

    private static Member with(Member m, AccountId account, ProjectId project) {
        return new Member(m.id(), project, account, m.email(), m.displayName(), m.role(), m.rights());
    }
}
