package dev.switchboard.console.internal.ui;

import dev.switchboard.api.domain.Role;
import dev.switchboard.api.team.AccessRights;
import dev.switchboard.api.team.Member;
import java.util.Optional;

/**
 * Whether a console login still stands (issue 12): it ends when the account's password was set or reset since, when
 * the membership is gone (or its id now names someone else's), and when the member lost a role or a right a page
 * of theirs needs: a lower role (the settings need an owner or admin), or the New or Others tab taken away. A
 * member who gained something keeps the session with the membership read anew.
 */
public final class SessionCheck {

    private SessionCheck() {
    }

    /** What becomes of a login. */
    public sealed interface Verdict {
    }

    /** Nothing changed. */
    public record Keep() implements Verdict {
    }

    /** The membership changed, none of it taken away: the session goes on with {@code member}. */
    public record Refresh(Member member) implements Verdict {
    }

    /** The session ends. */
    public record End(Reason reason) implements Verdict {
    }

    /** Why a session ended, for the log. */
    public enum Reason {
        PASSWORD,
        REMOVED,
        ROLE,
        RIGHTS
    }

    /**
     * @param credentialsValid what {@code Authenticator.stillValid} said of the login's account and stamp
     * @param now              the membership as the team directory has it now
     */
    public static Verdict judge(ConsoleSession login, boolean credentialsValid, Optional<Member> now) {
        if (!credentialsValid) {
            return new End(Reason.PASSWORD);
        }
        Member was = login.member();
        if (now.isEmpty() || !now.get().account().equals(was.account()) || !now.get().project().equals(was.project())) {
            return new End(Reason.REMOVED);
        }
        Member is = now.get();
        if (rank(is.role()) < rank(was.role())) {
            return new End(Reason.ROLE);
        }
        if (lost(was.rights(), is.rights())) {
            return new End(Reason.RIGHTS);
        }
        return is.equals(was) ? new Keep() : new Refresh(is);
    }

    private static int rank(Role role) {
        return switch (role) {
            case MANAGER -> 0;
            case ADMIN -> 1;
            case OWNER -> 2;
        };
    }

    private static boolean lost(AccessRights was, AccessRights is) {
        return was.seeNew() && !is.seeNew() || was.seeOthers() && !is.seeOthers();
    }
}
