package dev.switchboard.channel.widget.internal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OriginsTest {

    @Test
    void WIDGET_originsCompareAfterLowerCasingSchemeAndHostWithTheDefaultPortDropped() {
        assertThat(Origins.normalise("HTTPS://Shop.Example")).hasValue("https://shop.example");
        assertThat(Origins.normalise("https://shop.example:443")).hasValue("https://shop.example");
        assertThat(Origins.normalise("http://shop.example:80")).hasValue("http://shop.example");
        assertThat(Origins.normalise("http://shop.example:443")).hasValue("http://shop.example:443");
        assertThat(Origins.normalise("https://shop.example:8443")).hasValue("https://shop.example:8443");
        assertThat(Origins.normalise(" https://shop.example/ ")).hasValue("https://shop.example");
        assertThat(Origins.normalise("http://[::1]:8181")).hasValue("http://[::1]:8181");
        assertThat(Origins.normalise("https://магазин.рф")).hasValue("https://xn--80aairftm.xn--p1ai");
    }

    @Test
    void WIDGET_onlySchemeHostAndPortMakeAnOrigin() {
        for (String bad : new String[] {"*", "https://*.shop.example", "https://shop.example/path", "shop.example",
                "ftp://shop.example", "https://user@shop.example", "https://shop.example?x=1", "https://",
                "https://shop.example:0", "https://shop.example:70000", "https://shop..example", "null", "", null}) {
            assertThat(Origins.normalise(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void WIDGET_aRequestsOriginMustBeOneOfTheConnections() {
        Set<String> allowed = Origins.parse("https://shop.example\n\n  http://localhost:8181\nnot an origin\n");

        assertThat(allowed).containsExactly("https://shop.example", "http://localhost:8181");
        assertThat(Origins.allowed(allowed, "https://shop.example")).isTrue();
        assertThat(Origins.allowed(allowed, "https://SHOP.example:443")).isTrue();
        assertThat(Origins.allowed(allowed, "http://shop.example")).isFalse();
        assertThat(Origins.allowed(allowed, "https://shop.example:8443")).isFalse();
        assertThat(Origins.allowed(allowed, "https://shop.example.evil.test")).isFalse();
        assertThat(Origins.allowed(allowed, "http://localhost:8182")).isFalse();
        assertThat(Origins.allowed(allowed, "null")).isFalse();
        assertThat(Origins.allowed(allowed, null)).isFalse();
    }
}
