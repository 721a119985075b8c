package dev.switchboard.api.team;

/**
 * Event Admin topics the team bundle posts after each commit, so that open consoles end the sessions a change
 * takes away (issue 12). Every event carries {@link #ACCOUNT} (a long); member events also {@link #PROJECT} and
 * {@link #MEMBER}. Events reach the node that made the change; consoles on other nodes learn it from
 * {@link Authenticator#stillValid} and {@link MemberService#find}.
 */
public final class TeamEvents {

    /** An account's password was set or reset: every session logged in with the old one ends. */
    public static final String ACCOUNT_CHANGED = "dev/switchboard/team/ACCOUNT_CHANGED";

    /** A membership's role or access rights changed, or the membership was removed. */
    public static final String MEMBER_CHANGED = "dev/switchboard/team/MEMBER_CHANGED";

    /** Every team topic, for a handler's {@code event.topics}. */
    public static final String ALL = "dev/switchboard/team/*";

    public static final String ACCOUNT = "account";
    public static final String PROJECT = "project";
    public static final String MEMBER = "member";

    private TeamEvents() {
    }
}
