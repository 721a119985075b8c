package dev.switchboard.api.team;

import dev.switchboard.api.domain.AccountId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.Role;
import java.util.List;
import java.util.Optional;

/**
 * Members of projects and the accounts behind them. No method takes an acting member: this is the installation's
 * own directory, for the core (which resolves the member a console or shell acts as, and checks that member's
 * project itself) and for the operator's shell commands and first run ({@code switchboard:member-add},
 * {@code switchboard:rights-set}, {@code switchboard:password-reset}), who administer every project. A console page
 * that lets a project's owner manage members must not hand these methods ids from the browser unchecked; it needs
 * methods that take the acting member (architecture §3, issue 12).
 */
public interface MemberService {

    /**
     * Makes the account with this e-mail a member of the project with the given role, creating the account
     * (without a password) if there is none.
     *
     * @throws dev.switchboard.api.error.Conflict     if the account is a member of the project already
     * @throws dev.switchboard.api.error.InvalidInput for a malformed e-mail or an empty name
     * @throws dev.switchboard.api.error.NotFound     for an unknown project
     */
    Member add(ProjectId project, String email, String displayName, Role role);

    /** The project's members, by display name. */
    List<Member> list(ProjectId project);

    Optional<Member> find(MemberId id);

    /** Every project membership of an account. */
    List<Member> membershipsOf(AccountId account);

    Optional<Account> account(AccountId id);

    /** Changes what a member may see (TEAM-7, DIST-2). */
    Member setRights(MemberId member, AccessRights rights);

    /**
     * Sets a new password for the account with this e-mail, ends its login throttling, and returns the account.
     *
     * @throws dev.switchboard.api.error.InvalidInput if the password is shorter than {@link #MIN_PASSWORD_LENGTH}
     * @throws dev.switchboard.api.error.NotFound     for an unknown e-mail
     */
    Account setPassword(String email, char[] password);

    /** Remembers the console language an account chose ({@code en}, {@code ru}), or the browser's if empty. */
    void setLanguage(AccountId account, Optional<String> language);

    int MIN_PASSWORD_LENGTH = 8;
}
