package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.shared.ui.Transport;

/**
 * The page shell of every console page. Server push is on so that inbox changes and contributed panels reach
 * open pages without a reload.
 *
 * <p>The transport is the operator's choice ({@code push.transport} in {@code dev.switchboard.console}). Vaadin
 * applies the shell's {@code @Push} to each new page after every UI init listener has run, so a listener cannot
 * change it; instead the servlet registers the one shell below whose annotation names the configured transport.
 * Long-polling, the default, works on Felix HTTP Jetty 12; why the websocket transports do not (yet) is told at
 * {@link dev.switchboard.console.internal.web.ConsoleConfig#push_transport()}.
 */
public abstract class ConsoleShell implements AppShellConfigurator {

    private static final long serialVersionUID = 1L;

    /** The shell for a transport. */
    public static Class<? extends ConsoleShell> forTransport(Transport transport) {
        return switch (transport) {
            case LONG_POLLING -> LongPolling.class;
            case WEBSOCKET -> Websocket.class;
            case WEBSOCKET_XHR -> WebsocketXhr.class;
        };
    }

    @Push(transport = Transport.LONG_POLLING)
    public static final class LongPolling extends ConsoleShell {
        private static final long serialVersionUID = 1L;
    }

    @Push(transport = Transport.WEBSOCKET)
    public static final class Websocket extends ConsoleShell {
        private static final long serialVersionUID = 1L;
    }

    /** Websocket from the server, XHR from the browser: Vaadin's default, falling back to long-polling. */
    @Push(transport = Transport.WEBSOCKET_XHR)
    public static final class WebsocketXhr extends ConsoleShell {
        private static final long serialVersionUID = 1L;
    }
}
