package dev.switchboard.team.internal.auth;

import dev.switchboard.api.store.PersistenceUnit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Counts failed console logins per account (its e-mail) and per client address. After the free failures within the
 * window, every attempt is refused for a delay that doubles with each further failure, up to the maximum.
 *
 * <p>Per account, so that guessing one member's password from many addresses is slowed; per client address, so
 * that one attacker trying many accounts is slowed at the first few and cannot lock everybody out. The address's
 * allowance is larger ({@code addressFreeFailures}, by default four times the account's): several members may
 * share an address (an office behind one router) and mistype now and then. A success clears the account's count
 * only: an attacker with a login of their own cannot wipe their address's count by logging in between guesses.
 * The address must be the browser's, which the console reads from trusted proxies only; behind a proxy the console
 * does not trust, every member would share the proxy's address.
 *
 * <p>The state lives in a {@link Store}: the team's table {@code login_throttle} ({@link #in}), shared by every
 * node, so that spreading guesses over nodes gains nothing; in memory for tests of the rules alone.
 */
public final class LoginThrottle {

    private final Clock clock;
    private final int accountFreeFailures;
    private final int addressFreeFailures;
    private final Duration window;
    private final Duration maxDelay;
    private final Store store;

    /** Per node and in memory, the address allowing four times the account's failures: for tests. */
    public LoginThrottle(Clock clock, int freeFailures, Duration window, Duration maxDelay) {
        this(clock, freeFailures, 4 * freeFailures, window, maxDelay, new MemoryStore());
    }

    public LoginThrottle(Clock clock, int accountFreeFailures, int addressFreeFailures, Duration window,
                         Duration maxDelay, Store store) {
        this.clock = clock;
        this.accountFreeFailures = accountFreeFailures;
        this.addressFreeFailures = addressFreeFailures;
        this.window = window;
        this.maxDelay = maxDelay;
        this.store = store;
    }

    /** The same rules with their state in the team's database, shared by every node. */
    public LoginThrottle in(PersistenceUnit unit) {
        return new LoginThrottle(clock, accountFreeFailures, addressFreeFailures, window, maxDelay,
                new ThrottleTable(unit, this::expiry));
    }

    /** How long a login to {@code email} from {@code address} must still wait, if either is locked out now. */
    public Optional<Duration> lockedFor(String email, String address) {
        Instant now = clock.instant();
        Optional<Instant> until = later(lockedUntil(accountKey(email), now), lockedUntil(addressKey(address), now));
        return until.map(u -> Duration.between(now, u));
    }

    /** A wrong password (or an unknown e-mail) for {@code email} from {@code address}. */
    public void failed(String email, String address) {
        Instant now = clock.instant();
        store.update(accountKey(email), now, state -> next(state, now, accountFreeFailures));
        store.update(addressKey(address), now, state -> next(state, now, addressFreeFailures));
        store.prune(now);
    }

    /** A login to {@code email} succeeded, or its password was set: the account's count starts again. */
    public void succeeded(String email) {
        store.clear(accountKey(email));
    }

    private Optional<Instant> lockedUntil(String key, Instant now) {
        return store.read(key).map(State::lockedUntil).filter(until -> until != null && now.isBefore(until));
    }

    private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().isAfter(a.get()) ? b : a;
    }

    /** The state after one more failure at {@code now}: a new window when the old one has passed. */
    State next(State old, Instant now, int freeFailures) {
        State current = old == null || old.windowStart().plus(window).isBefore(now) ? new State(now, 0, null) : old;
        int failures = current.failures() + 1;
        int over = failures - freeFailures;
        Instant lockedUntil = current.lockedUntil();
        if (over > 0) {
            long seconds = Math.min(maxDelay.toSeconds(), 1L << Math.min(over - 1, 30));
            lockedUntil = now.plusSeconds(seconds);
        }
        return new State(current.windowStart(), failures, lockedUntil);
    }

    /** When a state no longer matters: its window has passed and it locks nothing out. */
    Instant expiry(State state) {
        Instant end = state.windowStart().plus(window);
        return state.lockedUntil() != null && state.lockedUntil().isAfter(end) ? state.lockedUntil() : end;
    }

    static String accountKey(String email) {
        return "email:" + (email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
    }

    static String addressKey(String address) {
        return "address:" + (address == null || address.isBlank() ? "unknown" : address.strip());
    }

    /** Failures of one key within its window, and until when it is locked out (null: it is not). */
    public record State(Instant windowStart, int failures, Instant lockedUntil) {
    }

    /** Where the counts are kept; each update of one key is atomic, on every node that shares the store. */
    public interface Store {
        Optional<State> read(String key);

        /** Replaces the key's state (null when it has none) with {@code change}'s answer, atomically. */
        void update(String key, Instant now, UnaryOperator<State> change);

        void clear(String key);

        /** Forgets states that no longer matter; may do nothing when it pruned a moment ago. */
        void prune(Instant now);
    }

    /** One node's memory, for tests of the rules. */
    static final class MemoryStore implements Store {
        private final Map<String, State> states = new ConcurrentHashMap<>();

        @Override
        public Optional<State> read(String key) {
            return Optional.ofNullable(states.get(key));
        }

        @Override
        public void update(String key, Instant now, UnaryOperator<State> change) {
            states.compute(key, (k, old) -> change.apply(old));
        }

        @Override
        public void clear(String key) {
            states.remove(key);
        }

        @Override
        public void prune(Instant now) {
            // tests hold a handful of keys
        }
    }
}
