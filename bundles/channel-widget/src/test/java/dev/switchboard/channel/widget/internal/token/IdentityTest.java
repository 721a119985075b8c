package dev.switchboard.channel.widget.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityTest {

    private static final String SECRET = "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t";

    @Test
    void WIDGET_theHashIsLowerCaseHexHmacSha256OfTheUserIdAsASiteComputesIt() {
        // printf '%s' 42 | openssl dgst -sha256 -hmac 's3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t'
        assertThat(Identity.hash(SECRET, "42"))
                .isEqualTo("d80862642f79cefcb0e97dd1e66dbca47ad38cc5971adeb6badc64c89b2ec369");
        // a known vector (RFC 4231 test case 2)
        assertThat(Identity.hash("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void WIDGET_aGoodHashVerifiesTheUserAndABadOneDoesNot() {
        String hash = Identity.hash(SECRET, "42");

        assertThat(Identity.matches(SECRET, "42", hash)).isTrue();
        assertThat(Identity.matches(SECRET, "42", hash.toUpperCase())).isTrue();
        assertThat(Identity.matches(SECRET, "43", hash)).isFalse();
        assertThat(Identity.matches(SECRET + "x", "42", hash)).isFalse();
        assertThat(Identity.matches(SECRET, "42", hash.substring(1))).isFalse();
        assertThat(Identity.matches(SECRET, "42", "")).isFalse();
        assertThat(Identity.matches(SECRET, "42", null)).isFalse();
    }

    @Test
    void WIDGET_aUserIdIsOneToAHundredPrintableCharacters() {
        assertThat(Identity.validUserId("42")).isTrue();
        assertThat(Identity.validUserId("anna@shop.example")).isTrue();
        assertThat(Identity.validUserId("Анна Иванова")).isTrue();
        assertThat(Identity.validUserId("x".repeat(100))).isTrue();
        assertThat(Identity.validUserId("x".repeat(101))).isFalse();
        assertThat(Identity.validUserId("")).isFalse();
        assertThat(Identity.validUserId("   ")).isFalse();
        assertThat(Identity.validUserId("4\n2")).isFalse();
        assertThat(Identity.validUserId("4\u202e2")).isFalse();
        assertThat(Identity.validUserId(null)).isFalse();
        assertThat(Identity.visitor("42")).isEqualTo("u:42");
    }
}
