package dev.switchboard.team.internal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts failed logins per key (an e-mail, a remote address). After {@code freeFailures} failures within the
 * window, every attempt is refused for a delay that doubles with each further failure, up to {@code maxDelay}.
 * A success clears the key. State is per node: a determined attacker spreading guesses over nodes gets a node
 * count times more tries, which is acceptable for a handful of nodes and keeps logins off the database.
 */
public final class LoginThrottle {

    private final Clock clock;
    private final int freeFailures;
    private final Duration window;
    private final Duration maxDelay;
    private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock, int freeFailures, Duration window, Duration maxDelay) {
        this.clock = clock;
        this.freeFailures = freeFailures;
        this.window = window;
        this.maxDelay = maxDelay;
    }

    /** How long {@code key} must still wait, if it is locked out now. */
    public Optional<Duration> lockedFor(String key) {
        Failures f = failures.get(key);
        if (f == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (f.lockedUntil != null && now.isBefore(f.lockedUntil)) {
            return Optional.of(Duration.between(now, f.lockedUntil));
        }
        return Optional.empty();
    }

    public void failed(String key) {
        Instant now = clock.instant();
        failures.compute(key, (k, old) -> {
            Failures f = old == null || old.first.plus(window).isBefore(now) ? new Failures(now) : old;
            f.count++;
            int over = f.count - freeFailures;
            if (over > 0) {
                long seconds = Math.min(maxDelay.toSeconds(), 1L << Math.min(over - 1, 30));
                f.lockedUntil = now.plusSeconds(seconds);
            }
            return f;
        });
        if (failures.size() > 100_000) {
            prune(now);
        }
    }

    public void succeeded(String key) {
        failures.remove(key);
    }

    private void prune(Instant now) {
        failures.entrySet().removeIf(e -> e.getValue().first.plus(window).isBefore(now)
                && (e.getValue().lockedUntil == null || e.getValue().lockedUntil.isBefore(now)));
    }

    private static final class Failures {
        final Instant first;
        int count;
        Instant lockedUntil;

        Failures(Instant first) {
            this.first = first;
        }
    }
}
