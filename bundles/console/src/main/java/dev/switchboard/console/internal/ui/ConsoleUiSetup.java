package dev.switchboard.console.internal.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.time.Duration;

/**
 * What every console session and page gets when it starts: the session timeout from the configuration and the
 * guard that sends anonymous visitors to the login page.
 */
public final class ConsoleUiSetup implements VaadinServiceInitListener {

    private static final long serialVersionUID = 1L;

    private final int sessionTimeoutSeconds;

    public ConsoleUiSetup(Duration sessionTimeout) {
        this.sessionTimeoutSeconds = Math.toIntExact(sessionTimeout.toSeconds());
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(
                init -> init.getSession().getSession().setMaxInactiveInterval(sessionTimeoutSeconds));
        event.getSource().addUIInitListener(init -> init.getUI().addBeforeEnterListener(ConsoleUiSetup::requireLogin));
    }

    private static void requireLogin(BeforeEnterEvent event) {
        if (!LoginView.class.equals(event.getNavigationTarget()) && ConsoleSession.current().isEmpty()) {
            event.forwardTo(LoginView.class);
        }
    }
}
