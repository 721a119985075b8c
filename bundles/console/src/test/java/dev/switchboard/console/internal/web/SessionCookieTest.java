package dev.switchboard.console.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 12: the console's session cookie is HttpOnly, SameSite, and Secure when the browser spoke TLS. */
class SessionCookieTest {

    private final SessionCookie lax = new SessionCookie(SessionCookie.SameSite.Lax);

    @Test
    void jettysCookieGetsTheConsolesAttributes() {
        assertThat(lax.harden("JSESSIONID=node0abc.node0; Path=/; HttpOnly", false))
                .isEqualTo("JSESSIONID=node0abc.node0; Path=/; HttpOnly; SameSite=Lax");
        assertThat(new SessionCookie(SessionCookie.SameSite.Strict).harden("JSESSIONID=x; Path=/", true))
                .isEqualTo("JSESSIONID=x; Path=/; HttpOnly; SameSite=Strict; Secure");
    }

    @Test
    void attributesAreReplacedNotRepeated() {
        assertThat(lax.harden("JSESSIONID=x; Path=/console; Secure; SameSite=None; Max-Age=60;", false))
                .isEqualTo("JSESSIONID=x; Path=/console; Max-Age=60; HttpOnly; SameSite=Lax");
    }

    @Test
    void onlyTheSessionCookieIsRewritten() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Set-Cookie", new ArrayList<>(List.of("other=1; Path=/", "JSESSIONID=y; Path=/")));
        lax.harden(response(headers), "JSESSIONID", true);
        assertThat(headers.get("Set-Cookie"))
                .containsExactly("other=1; Path=/", "JSESSIONID=y; Path=/; HttpOnly; SameSite=Lax; Secure");
    }

    @Test
    void aResponseWithoutTheCookieIsLeftAlone() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Set-Cookie", new ArrayList<>(List.of("other=1")));
        lax.harden(response(headers), "JSESSIONID", true);
        assertThat(headers.get("Set-Cookie")).containsExactly("other=1");
    }

    /** A response that keeps its headers in {@code headers}, and can do nothing else. */
    static HttpServletResponse response(Map<String, List<String>> headers) {
        return (HttpServletResponse) Proxy.newProxyInstance(SessionCookieTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaders" -> (Collection<String>) List.copyOf(
                            headers.getOrDefault((String) args[0], List.of()));
                    case "getHeader" -> headers.getOrDefault((String) args[0], List.of()).stream().findFirst()
                            .orElse(null);
                    case "setHeader" -> {
                        headers.put((String) args[0], new ArrayList<>(List.of((String) args[1])));
                        yield null;
                    }
                    case "addHeader" -> {
                        headers.computeIfAbsent((String) args[0], k -> new ArrayList<>()).add((String) args[1]);
                        yield null;
                    }
                    case "isCommitted" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
