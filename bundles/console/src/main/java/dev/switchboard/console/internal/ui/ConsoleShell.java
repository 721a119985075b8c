package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.shared.ui.Transport;

/**
 * The page shell of every console page. Server push is on so that inbox changes and contributed panels reach
 * open pages without a reload. Long-polling is the default transport because it works on the plain Felix HTTP
 * Jetty 12 bundle, which has no Jakarta WebSocket container; {@link ConsoleUiSetup} switches each page to the
 * transport configured in {@code dev.switchboard.console} ({@code push.transport}).
 */
@Push(transport = Transport.LONG_POLLING)
public final class ConsoleShell implements AppShellConfigurator {
    private static final long serialVersionUID = 1L;
}
