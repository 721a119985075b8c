package dev.switchboard.console.internal.ui;

import com.vaadin.flow.server.VaadinSession;
import dev.switchboard.api.team.Account;
import dev.switchboard.api.team.Member;
import java.util.Optional;

/**
 * Who is logged in to this browser session and which project membership they are looking at (PLAT-2).
 * Kept as an attribute of the Vaadin session, so it ends with the HTTP session, or earlier when the
 * {@link SessionGuard} takes it away (issue 12).
 *
 * @param credentialStamp names the password the login was made with ({@code Authenticator.Success})
 */
public record ConsoleSession(Account account, Member member, String credentialStamp) {

    /** The logged-in viewer of the current Vaadin session, if any. */
    public static Optional<ConsoleSession> current() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable(session.getAttribute(ConsoleSession.class));
    }

    static void set(VaadinSession session, ConsoleSession value) {
        session.setAttribute(ConsoleSession.class, value);
    }

    /** Whether {@code other} is this login (the same account, password and membership), whatever else changed. */
    boolean sameLogin(ConsoleSession other) {
        return account.id().equals(other.account.id()) && member.id().equals(other.member.id())
                && credentialStamp.equals(other.credentialStamp);
    }

    ConsoleSession withMember(Member other) {
        return new ConsoleSession(account, other, credentialStamp);
    }

    ConsoleSession withLanguage(String language) {
        return new ConsoleSession(new Account(account.id(), account.email(), account.displayName(),
                Optional.of(language)), member, credentialStamp);
    }
}
