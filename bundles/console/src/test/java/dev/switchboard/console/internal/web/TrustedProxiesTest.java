package dev.switchboard.console.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: behind a reverse proxy every login came from the proxy's address, so one attacker's failures locked
 * every member out. The client's address is read from {@code X-Forwarded-For}, but only when a trusted proxy sent
 * the request.
 */
class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse("127.0.0.1, 10.0.0.0/8 ::1 fd00::/8");

    @Test
    void directRequestsAreFromTheirPeerWhatEverTheyClaim() {
        assertThat(proxies.clientAddress("203.0.113.7", List.of("198.51.100.1"))).isEqualTo("203.0.113.7");
        assertThat(TrustedProxies.NONE.clientAddress("127.0.0.1", List.of("198.51.100.1"))).isEqualTo("127.0.0.1");
    }

    @Test
    void aTrustedProxyNamesTheClient() {
        assertThat(proxies.clientAddress("127.0.0.1", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
    }

    @Test
    void whatTheClientWroteLeftOfTheProxiesIsNeverBelieved() {
        // the client sent "X-Forwarded-For: 1.1.1.1"; the proxy appended the address it saw
        assertThat(proxies.clientAddress("127.0.0.1", List.of("1.1.1.1, 198.51.100.1"))).isEqualTo("198.51.100.1");
        // over a chain of trusted proxies, headers given apart or together
        assertThat(proxies.clientAddress("10.0.0.2", List.of("1.1.1.1, 198.51.100.1", "10.0.0.9")))
                .isEqualTo("198.51.100.1");
    }

    @Test
    void onlyAddressesAreRead() {
        assertThat(proxies.clientAddress("127.0.0.1", List.of("unknown"))).isEqualTo("127.0.0.1");
        assertThat(proxies.clientAddress("127.0.0.1", List.of("evil.example"))).isEqualTo("127.0.0.1");
        assertThat(proxies.clientAddress("127.0.0.1", List.of("198.51.100.1:4711"))).isEqualTo("198.51.100.1");
        assertThat(proxies.clientAddress("::1", List.of("[2001:db8::7]:4711"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(proxies.clientAddress("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
    }

    @Test
    void rangesMatchByTheirPrefix() {
        assertThat(proxies.trusts("10.200.3.4")).isTrue();
        assertThat(proxies.trusts("11.0.0.1")).isFalse();
        assertThat(proxies.trusts("fd12::1")).isTrue();
        assertThat(proxies.trusts("fe80::1")).isFalse();
        assertThat(TrustedProxies.parse("192.168.1.128/25").trusts("192.168.1.200")).isTrue();
        assertThat(TrustedProxies.parse("192.168.1.128/25").trusts("192.168.1.127")).isFalse();
    }

    @Test
    void aMistypedEntryTrustsNobodyAndIsReported() {
        TrustedProxies typo = TrustedProxies.parse("127.0.0.1, proxy.internal, 10.0.0.0/33, 10.1");
        assertThat(typo.refused()).containsExactly("proxy.internal", "10.0.0.0/33", "10.1");
        assertThat(typo.trusts("127.0.0.1")).isTrue();
        assertThat(typo.trusts("10.0.0.1")).isFalse();
        assertThat(TrustedProxies.parse(" ").any()).isFalse();
    }

    @Test
    void theSchemeIsTheTrustedProxysToo() {
        assertThat(proxies.secure(false, "127.0.0.1", List.of("https"))).isTrue();
        assertThat(proxies.secure(false, "203.0.113.7", List.of("https"))).isFalse();
        assertThat(proxies.secure(false, "127.0.0.1", List.of("https, http"))).isFalse();
        assertThat(proxies.secure(false, "127.0.0.1", List.of())).isFalse();
        assertThat(proxies.secure(true, "203.0.113.7", List.of())).isTrue();
    }
}
