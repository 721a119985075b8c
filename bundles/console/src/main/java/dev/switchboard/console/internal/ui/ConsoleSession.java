package dev.switchboard.console.internal.ui;

import com.vaadin.flow.server.VaadinSession;
import dev.switchboard.api.team.Account;
import dev.switchboard.api.team.Member;
import java.util.Optional;

/**
 * Who is logged in to this browser session and which project membership they are looking at (PLAT-2).
 * Kept as an attribute of the Vaadin session, so it ends with the HTTP session.
 */
public record ConsoleSession(Account account, Member member) {

    /** The logged-in viewer of the current Vaadin session, if any. */
    public static Optional<ConsoleSession> current() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable(session.getAttribute(ConsoleSession.class));
    }

    static void set(VaadinSession session, ConsoleSession value) {
        session.setAttribute(ConsoleSession.class, value);
    }

    ConsoleSession withMember(Member other) {
        return new ConsoleSession(account, other);
    }

    ConsoleSession withLanguage(String language) {
        return new ConsoleSession(new Account(account.id(), account.email(), account.displayName(),
                Optional.of(language)), member);
    }
}
