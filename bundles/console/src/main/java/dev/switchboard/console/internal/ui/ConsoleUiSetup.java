package dev.switchboard.console.internal.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.time.Duration;

/**
 * What every console session and page gets when it starts: the session timeout from the configuration and the
 * guard that sends anonymous visitors to the login page, and visitors whose login no longer stands (issue 12: the
 * password was reset, the membership or a role it needs taken away; {@link SessionGuard}).
 */
public final class ConsoleUiSetup implements VaadinServiceInitListener {

    private static final long serialVersionUID = 1L;
    /** A page shown within this time of the session's last check is not checked again. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private final int sessionTimeoutSeconds;
    private final transient SessionGuard guard;

    public ConsoleUiSetup(Duration sessionTimeout, SessionGuard guard) {
        this.sessionTimeoutSeconds = Math.toIntExact(sessionTimeout.toSeconds());
        this.guard = guard;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(
                init -> init.getSession().getSession().setMaxInactiveInterval(sessionTimeoutSeconds));
        event.getSource().addUIInitListener(init -> init.getUI().addBeforeEnterListener(this::requireLogin));
    }

    private void requireLogin(BeforeEnterEvent event) {
        if (LoginView.class.equals(event.getNavigationTarget())) {
            return;
        }
        if (guard.confirm(event.getUI().getSession(), CHECK_EVERY).isEmpty()) {
            event.forwardTo(LoginView.class);
        }
    }
}
