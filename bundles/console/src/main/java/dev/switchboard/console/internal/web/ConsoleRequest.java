package dev.switchboard.console.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;

/**
 * A request to the console as the console sees it (issue 12): from the client's address and with the client's
 * scheme as {@link TrustedProxies} read them, so that everything downstream (the login throttle, Vaadin) sees the
 * browser rather than the reverse proxy; and with the session cookie hardened ({@link SessionCookie}) wherever a
 * session is created or its id renewed at login ({@link #changeSessionId}).
 */
final class ConsoleRequest extends HttpServletRequestWrapper {

    private final HttpServletResponse response;
    private final SessionCookie cookie;
    private final String clientAddress;
    private final boolean secure;

    ConsoleRequest(HttpServletRequest request, HttpServletResponse response, TrustedProxies proxies,
                   SessionCookie cookie) {
        super(request);
        this.response = response;
        this.cookie = cookie;
        String peer = request.getRemoteAddr();
        this.clientAddress = proxies.clientAddress(peer, Collections.list(
                request.getHeaders("X-Forwarded-For")));
        this.secure = proxies.secure(request.isSecure(), peer, Collections.list(
                request.getHeaders("X-Forwarded-Proto")));
    }

    /** The client's address: the peer's, or what a trusted proxy says it is. */
    @Override
    public String getRemoteAddr() {
        return clientAddress;
    }

    @Override
    public String getRemoteHost() {
        return clientAddress;
    }

    /** Whether the browser spoke TLS, to the console or to a trusted proxy. */
    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public HttpSession getSession(boolean create) {
        boolean had = hadSession();
        HttpSession session = super.getSession(create);
        if (session != null && !had) {
            hardenCookie();
        }
        return session;
    }

    @Override
    public HttpSession getSession() {
        return getSession(true);
    }

    @Override
    public String changeSessionId() {
        String id = super.changeSessionId();
        hardenCookie();
        return id;
    }

    private boolean hadSession() {
        return super.getSession(false) != null;
    }

    private void hardenCookie() {
        if (!response.isCommitted()) {
            cookie.harden(response, getServletContext().getSessionCookieConfig().getName(), secure);
        }
    }
}
