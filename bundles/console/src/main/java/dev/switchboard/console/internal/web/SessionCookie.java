package dev.switchboard.console.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The session cookie as the console wants it (issue 12): {@code HttpOnly} (no script reads it), {@code SameSite}
 * ({@code Lax} by default: another site's form or script cannot send the member's session along), and {@code Secure}
 * when the browser spoke TLS, to the console or to a trusted proxy in front of it.
 *
 * <p>Felix HTTP sets the cookie's name, path and {@code HttpOnly} for every context alike and knows no
 * {@code SameSite}; its {@code Secure} switch is one fixed value for every request. So the console rewrites the
 * {@code Set-Cookie} header Jetty has just added, right where the session is created or its id renewed (see
 * {@link ConsoleRequest}), before anything of the response is written.
 */
public final class SessionCookie {

    /** The {@code SameSite} values the console accepts; {@code None} would hand the session to every site. */
    public enum SameSite {
        Lax,
        Strict
    }

    private final SameSite sameSite;

    public SessionCookie(SameSite sameSite) {
        this.sameSite = sameSite;
    }

    /** Rewrites the cookie {@code name} among the response's {@code Set-Cookie} headers, if it is there. */
    public void harden(HttpServletResponse response, String name, boolean secure) {
        List<String> headers = new ArrayList<>(response.getHeaders("Set-Cookie"));
        boolean found = false;
        for (int i = 0; i < headers.size(); i++) {
            if (isCookie(headers.get(i), name)) {
                headers.set(i, harden(headers.get(i), secure));
                found = true;
            }
        }
        if (!found) {
            return;
        }
        response.setHeader("Set-Cookie", headers.get(0));
        for (String header : headers.subList(1, headers.size())) {
            response.addHeader("Set-Cookie", header);
        }
    }

    private static boolean isCookie(String header, String name) {
        return header.startsWith(name + "=");
    }

    /**
     * One {@code Set-Cookie} value with the console's attributes: the name, value, path, domain, expiry and any
     * other attribute kept, {@code HttpOnly}, {@code SameSite} and {@code Secure} replaced.
     */
    String harden(String header, boolean secure) {
        StringBuilder out = new StringBuilder();
        String[] parts = header.split(";");
        out.append(parts[0].trim());
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            String key = part.contains("=") ? part.substring(0, part.indexOf('=')).trim() : part;
            switch (key.toLowerCase(Locale.ROOT)) {
                case "httponly", "samesite", "secure", "" -> {
                    // replaced below
                }
                default -> out.append("; ").append(part);
            }
        }
        out.append("; HttpOnly; SameSite=").append(sameSite.name());
        if (secure) {
            out.append("; Secure");
        }
        return out.toString();
    }
}
