package dev.switchboard.console.internal.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers every response of the console's servlet context carries (issue 12). Only the console's context:
 * the website widget's script and API ({@code /widget}), its demo page, {@code /hooks} and {@code /media} are
 * contexts of their own, and the widget runs inside customers' pages, where a frame ban would break it.
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}, the operator's ({@code content.security.policy}), by default
 *       {@link #DEFAULT_POLICY};</li>
 *   <li>{@code X-Frame-Options: DENY} for browsers that do not read {@code frame-ancestors}: the console is never
 *       framed, so no other site can overlay it and steer a member's clicks;</li>
 *   <li>{@code X-Content-Type-Options: nosniff}: a stored file is taken for the type it is served as, never for
 *       a script or a page;</li>
 *   <li>{@code Referrer-Policy: same-origin}: a link in a client's message opened from the console does not tell
 *       the linked site the console's address (chat and card ids).</li>
 * </ul>
 */
public final class SecurityHeaders {

    /**
     * What Vaadin's precompiled bundle needs, and no more. Each of the three relaxations was taken out in turn in the
     * browser tests ({@code ConsoleSecurityIT}), and each broke the console: without {@code 'unsafe-eval'} the login
     * page does not even appear (Flow runs the server's JavaScript calls, which its own components make, through
     * {@code new Function}); without {@code 'unsafe-inline'} scripts the bootstrap page's inline scripts (its initial
     * state and CSRF token, new on every page, so no hash can name them) are refused; without {@code 'unsafe-inline'}
     * styles the style elements Vaadin's components and Lumo inject are refused. Images, fonts and media come from
     * the console or as {@code data:} and {@code blob:} URLs (Lumo's icons, previews of files about to be sent). No
     * plugins, no foreign form targets, no framing, no {@code <base>} elsewhere.
     */
    public static final String DEFAULT_POLICY = "default-src 'self'; "
            + "script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; "
            + "font-src 'self' data:; "
            + "media-src 'self' blob:; "
            + "connect-src 'self'; "
            + "object-src 'none'; "
            + "base-uri 'self'; "
            + "form-action 'self'; "
            + "frame-ancestors 'none'";

    private final String policy;

    public SecurityHeaders(String policy) {
        this.policy = policy == null || policy.isBlank() ? DEFAULT_POLICY : policy.trim();
    }

    public String policy() {
        return policy;
    }

    /** Sets the headers on a response before anything is written to it. */
    public void apply(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
    }
}
