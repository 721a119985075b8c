package dev.switchboard.team.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(8192, 1);

    @Test
    void aHashIsArgon2idWithItsParametersAndMatchesOnlyItsPassword() {
        String hash = hasher.hash("correct horse".toCharArray());
        assertThat(hash).startsWith("$argon2id$").contains("m=8192");
        assertThat(hasher.matches(hash, "correct horse".toCharArray())).isTrue();
        assertThat(hasher.matches(hash, "correct horsE".toCharArray())).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(hasher.hash("secret-password".toCharArray()))
                .isNotEqualTo(hasher.hash("secret-password".toCharArray()));
    }

    @Test
    void hashesMadeWithOtherParametersStillMatch() {
        String old = new PasswordHasher(4096, 3).hash("long-lived".toCharArray());
        assertThat(hasher.matches(old, "long-lived".toCharArray())).isTrue();
    }
}
