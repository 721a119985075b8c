package dev.switchboard.console.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 12: every console response carries the security headers; the operator may replace the policy. */
class SecurityHeadersTest {

    @Test
    void theConsoleIsNeverFramedNorSniffedAndKeepsItsAddressToItself() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        new SecurityHeaders("").apply(SessionCookieTest.response(headers));
        assertThat(headers).containsEntry("X-Frame-Options", List.of("DENY"))
                .containsEntry("X-Content-Type-Options", List.of("nosniff"))
                .containsEntry("Referrer-Policy", List.of("same-origin"))
                .containsEntry("Content-Security-Policy", List.of(SecurityHeaders.DEFAULT_POLICY));
        assertThat(SecurityHeaders.DEFAULT_POLICY).contains("frame-ancestors 'none'").contains("object-src 'none'")
                .startsWith("default-src 'self';");
    }

    @Test
    void anOperatorsPolicyReplacesTheDefault() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        new SecurityHeaders(" default-src 'self' ").apply(SessionCookieTest.response(headers));
        assertThat(headers.get("Content-Security-Policy")).containsExactly("default-src 'self'");
    }
}
