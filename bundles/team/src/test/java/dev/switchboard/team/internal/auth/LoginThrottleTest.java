package dev.switchboard.team.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock, 3, Duration.ofMinutes(15), Duration.ofMinutes(10));

    @Test
    void freeFailuresDoNotLockOut() {
        throttle.failed("k");
        throttle.failed("k");
        throttle.failed("k");
        assertThat(throttle.lockedFor("k")).isEmpty();
    }

    @Test
    void eachFailureBeyondTheFreeOnesDoublesTheLockOut() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("k");
        }
        assertThat(throttle.lockedFor("k")).contains(Duration.ofSeconds(1));
        throttle.failed("k");
        assertThat(throttle.lockedFor("k")).contains(Duration.ofSeconds(2));
        throttle.failed("k");
        assertThat(throttle.lockedFor("k")).contains(Duration.ofSeconds(4));
    }

    @Test
    void theLockOutNeverExceedsTheMaximum() {
        for (int i = 0; i < 60; i++) {
            throttle.failed("k");
        }
        assertThat(throttle.lockedFor("k")).contains(Duration.ofMinutes(10));
    }

    @Test
    void theLockOutEndsWhenItsTimeHasPassed() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("k");
        }
        clock.advance(Duration.ofSeconds(3));
        assertThat(throttle.lockedFor("k")).isEmpty();
    }

    @Test
    void failuresOutsideTheWindowStartAFreshCount() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("k");
        }
        clock.advance(Duration.ofMinutes(16));
        throttle.failed("k");
        assertThat(throttle.lockedFor("k")).isEmpty();
    }

    @Test
    void aSuccessClearsTheKeyAndOtherKeysAreUntouched() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("a");
            throttle.failed("b");
        }
        throttle.succeeded("a");
        assertThat(throttle.lockedFor("a")).isEmpty();
        assertThat(throttle.lockedFor("b")).isPresent();
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
