package dev.switchboard.console.internal.web;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The console's own settings, PID {@code dev.switchboard.console} ({@code etc/dev.switchboard.console.cfg}). The
 * HTTP port is not here: it belongs to Felix HTTP ({@code org.apache.felix.http}, {@code
 * org.osgi.service.http.port}).
 */
@ObjectClassDefinition(name = "Switchboard console", description = "The manager's web console (PLAT-2, INB-2).")
public @interface ConsoleConfig {

    String PID = "dev.switchboard.console";

    /**
     * Becomes the whiteboard context's service property of the same name, so the context path an operator sets
     * is the one Felix HTTP serves.
     */
    @AttributeDefinition(name = "Context path", description = "Where the console is served, e.g. / or /console")
    String osgi_http_whiteboard_context_path() default "/";

    /**
     * Long-polling is the default because it is the one that works on Felix HTTP Jetty 12 1.1.6. The websocket
     * transports need its {@code with-jakarta-websockets} variant (plus the Jakarta WebSocket API, jetty-client
     * and Jetty's ee10 websocket modules, and {@code org.apache.felix.jakarta.websocket.enable=true}); there the
     * handshake succeeds, but Atmosphere's websocket endpoint sees the container's HTTP session, not the
     * whiteboard context's, so Vaadin answers every push message with "session expired".
     */
    @AttributeDefinition(name = "Push transport",
            description = "LONG_POLLING (works on Felix HTTP Jetty 12), WEBSOCKET or WEBSOCKET_XHR (not usable on "
                    + "the Felix HTTP whiteboard yet: the websocket endpoint does not see the console's session)")
    PushTransport push_transport() default PushTransport.LONG_POLLING;

    @AttributeDefinition(name = "Session timeout (minutes)", min = "1")
    int session_timeout_minutes() default 30;

    @AttributeDefinition(name = "Inbox page size", description = "Chats loaded per page of an inbox tab", min = "1",
            max = "200")
    int inbox_page_size() default 50;

    /**
     * Only these peers may say who the client is ({@code X-Forwarded-For}) and that the browser spoke TLS
     * ({@code X-Forwarded-Proto}); see {@link TrustedProxies}. Empty: the console is reached directly and both
     * headers are ignored.
     */
    @AttributeDefinition(name = "Trusted proxies", required = false,
            description = "IP addresses and CIDR ranges of the reverse proxies in front of the console, separated by "
                    + "commas, e.g. 127.0.0.1, 10.0.0.0/8; empty: none")
    String trusted_proxies() default "";

    @AttributeDefinition(name = "Session cookie SameSite", description = "Lax (default) or Strict")
    SessionCookie.SameSite session_cookie_sameSite() default SessionCookie.SameSite.Lax;

    @AttributeDefinition(name = "Content-Security-Policy", required = false,
            description = "The Content-Security-Policy header of every console response; empty: the default, which "
                    + "is what Vaadin's precompiled bundle needs")
    String content_security_policy() default "";

    /** Mirrors Vaadin's {@code Transport} so the configuration does not depend on Vaadin's enum. */
    enum PushTransport {
        LONG_POLLING,
        WEBSOCKET,
        WEBSOCKET_XHR
    }
}
