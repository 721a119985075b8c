package dev.switchboard.channel.widget.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.domain.ConnectionId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class VisitorTokensTest {

    private static final ConnectionId CONNECTION = new ConnectionId(7);
    private static final String SECRET = "a".repeat(64);
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void WIDGET_aReturningVisitorsTokenNamesTheSameVisitor() {
        String visitor = VisitorIds.anonymous();
        String token = VisitorTokens.issue(CONNECTION, SECRET, 1, visitor, NOW);

        assertThat(VisitorTokens.verify(token, CONNECTION, SECRET, 1))
                .hasValue(new VisitorTokens.Verified(visitor, 1, false));
    }

    @Test
    void WIDGET_aTokenIsTwoBase64UrlPartsWithTheContractsPayload() {
        String token = VisitorTokens.issue(CONNECTION, SECRET, 3, "v:AAAAAAAAAAAAAAAAAAAAAA", NOW);

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(2);
        assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8))
                .isEqualTo("{\"c\":7,\"u\":\"v:AAAAAAAAAAAAAAAAAAAAAA\",\"g\":3,\"t\":" + NOW.getEpochSecond() + "}");
        assertThat(token).matches("[A-Za-z0-9_.-]+");
    }

    @Test
    void WIDGET_aForgedTokenIsRefused() {
        String mine = VisitorTokens.issue(CONNECTION, SECRET, 1, "v:AAAAAAAAAAAAAAAAAAAAAA", NOW);
        String signature = mine.substring(mine.indexOf('.'));
        // another visitor's id with my signature
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"c\":7,\"u\":\"v:BBBBBBBBBBBBBBBBBBBBBB\",\"g\":1,\"t\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(VisitorTokens.verify(payload + signature, CONNECTION, SECRET, 1)).isEmpty();
        // a verified identity claimed without the connection's secret
        String claimed = VisitorTokens.issue(CONNECTION, "b".repeat(64), 1, "u:admin", NOW);
        assertThat(VisitorTokens.verify(claimed, CONNECTION, SECRET, 1)).isEmpty();
        // a signature cut short, a flipped character, junk
        assertThat(VisitorTokens.verify(mine.substring(0, mine.length() - 2), CONNECTION, SECRET, 1)).isEmpty();
        char last = mine.charAt(mine.length() - 1);
        assertThat(VisitorTokens.verify(mine.substring(0, mine.length() - 1) + (last == 'A' ? 'B' : 'A'),
                CONNECTION, SECRET, 1)).isEmpty();
        for (String junk : new String[] {null, "", ".", "a.b.c", "!!.??", mine.replace(".", ""), "x".repeat(5000)}) {
            assertThat(VisitorTokens.verify(junk, CONNECTION, SECRET, 1)).as(String.valueOf(junk)).isEmpty();
        }
    }

    @Test
    void WIDGET_aTokenOfAnotherConnectionIsRefusedEvenWithTheSameSecret() {
        String token = VisitorTokens.issue(new ConnectionId(8), SECRET, 1, VisitorIds.anonymous(), NOW);

        assertThat(VisitorTokens.verify(token, CONNECTION, SECRET, 1)).isEmpty();
    }

    @Test
    void WIDGET_raisingTheGenerationByOneRenewsTokensByTwoStartsEveryoneOver() {
        String visitor = VisitorIds.anonymous();
        String first = VisitorTokens.issue(CONNECTION, SECRET, 1, visitor, NOW);

        assertThat(VisitorTokens.verify(first, CONNECTION, SECRET, 2))
                .hasValue(new VisitorTokens.Verified(visitor, 1, true));
        assertThat(VisitorTokens.verify(first, CONNECTION, SECRET, 3)).isEmpty();
        String second = VisitorTokens.issue(CONNECTION, SECRET, 2, visitor, NOW);
        assertThat(second).isNotEqualTo(first);
        assertThat(VisitorTokens.verify(second, CONNECTION, SECRET, 2)).get()
                .extracting(VisitorTokens.Verified::renew).isEqualTo(false);
        // a token from a generation the owner never reached (a lowered setting) is not taken either
        assertThat(VisitorTokens.verify(VisitorTokens.issue(CONNECTION, SECRET, 5, visitor, NOW), CONNECTION, SECRET,
                2)).isEmpty();
    }

    @Test
    void WIDGET_eachGenerationSignsWithItsOwnKey() {
        String visitor = VisitorIds.anonymous();
        String token = VisitorTokens.issue(CONNECTION, SECRET, 1, visitor, NOW);
        String payloadOfGeneration2 = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"c\":7,\"u\":\"" + visitor + "\",\"g\":2,\"t\":1}").getBytes(StandardCharsets.UTF_8));

        assertThat(VisitorTokens.verify(payloadOfGeneration2 + token.substring(token.indexOf('.')), CONNECTION,
                SECRET, 2)).isEmpty();
    }

    @Test
    void WIDGET_anonymousVisitorIdsAreRandomAndOfTheContractsShape() {
        String a = VisitorIds.anonymous();
        String b = VisitorIds.anonymous();

        assertThat(a).matches("v:[A-Za-z0-9_-]{22}").isNotEqualTo(b);
        assertThat(VisitorIds.valid(a)).isTrue();
        assertThat(VisitorIds.valid("u:42")).isTrue();
        assertThat(VisitorIds.valid("u:")).isFalse();
        assertThat(VisitorIds.valid("x:42")).isFalse();
        assertThat(VisitorIds.valid("v:short")).isFalse();
    }
}
