package dev.switchboard.team.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The login throttle's rules (issue 12), in memory: per account and per client address, the address allowing more
 * failures than an account, a success clearing the account only.
 */
class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    /** 3 failures per account, 6 per address, in 15 minutes; at most 10 minutes locked out. */
    private final LoginThrottle throttle = new LoginThrottle(clock, 3, 6, Duration.ofMinutes(15),
            Duration.ofMinutes(10), new LoginThrottle.MemoryStore());

    @Test
    void freeFailuresDoNotLockOut() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("anna@example.com", "198.51.100.1");
        }
        assertThat(throttle.lockedFor("anna@example.com", "198.51.100.1")).isEmpty();
    }

    @Test
    void eachFailureBeyondTheFreeOnesDoublesTheLockOut() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("anna@example.com", "198.51.100.1");
        }
        assertThat(throttle.lockedFor("anna@example.com", "198.51.100.2")).contains(Duration.ofSeconds(1));
        throttle.failed("anna@example.com", "198.51.100.1");
        assertThat(throttle.lockedFor("anna@example.com", "198.51.100.2")).contains(Duration.ofSeconds(2));
        throttle.failed("anna@example.com", "198.51.100.1");
        assertThat(throttle.lockedFor("anna@example.com", "198.51.100.2")).contains(Duration.ofSeconds(4));
    }

    @Test
    void theLockOutNeverExceedsTheMaximum() {
        for (int i = 0; i < 60; i++) {
            throttle.failed("anna@example.com", "198.51.100." + i);
        }
        assertThat(throttle.lockedFor("anna@example.com", "203.0.113.9")).contains(Duration.ofMinutes(10));
    }

    @Test
    void theLockOutEndsWhenItsTimeHasPassed() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("anna@example.com", "198.51.100.1");
        }
        clock.advance(Duration.ofSeconds(3));
        assertThat(throttle.lockedFor("anna@example.com", "198.51.100.1")).isEmpty();
    }

    @Test
    void failuresOutsideTheWindowStartAFreshCount() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("anna@example.com", "198.51.100.1");
        }
        clock.advance(Duration.ofMinutes(16));
        throttle.failed("anna@example.com", "198.51.100.1");
        assertThat(throttle.lockedFor("anna@example.com", "198.51.100.1")).isEmpty();
    }

    @Test
    void anAccountIsTheSameWhateverTheCaseAndSpaces() {
        for (int i = 0; i < 4; i++) {
            throttle.failed(" Anna@Example.COM ", "198.51.100." + i);
        }
        assertThat(throttle.lockedFor("anna@example.com", "203.0.113.9")).isPresent();
    }

    /** The attack of issue 12: one address trying every member's login, one or two guesses each. */
    @Test
    void oneAttackerTryingManyAccountsIsStoppedAtTheAddressAndLocksNobodyOut() {
        for (int i = 0; i < 7; i++) {
            throttle.failed("member" + i + "@example.com", "203.0.113.66");
        }
        assertThat(throttle.lockedFor("member99@example.com", "203.0.113.66")).as("the attacker").isPresent();
        for (int i = 0; i < 7; i++) {
            assertThat(throttle.lockedFor("member" + i + "@example.com", "198.51.100.1"))
                    .as("member %s from their own address", i).isEmpty();
        }
    }

    @Test
    void anAddressAllowsMoreFailuresThanAnAccount() {
        for (int i = 0; i < 6; i++) {
            // an office: six members mistyping once each
            throttle.failed("member" + i + "@example.com", "198.51.100.1");
        }
        assertThat(throttle.lockedFor("member7@example.com", "198.51.100.1")).isEmpty();
        throttle.failed("member7@example.com", "198.51.100.1");
        assertThat(throttle.lockedFor("member8@example.com", "198.51.100.1")).isPresent();
    }

    @Test
    void aSuccessClearsTheAccountButNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("anna@example.com", "198.51.100.1");
        }
        throttle.succeeded("anna@example.com");
        assertThat(throttle.lockedFor("anna@example.com", "198.51.100.2")).isEmpty();
        // an attacker who logs in to their own account between guesses keeps their address's count
        for (int i = 0; i < 3; i++) {
            throttle.failed("victim" + i + "@example.com", "198.51.100.1");
            throttle.succeeded("attacker@example.com");
        }
        assertThat(throttle.lockedFor("attacker@example.com", "198.51.100.1")).isPresent();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
