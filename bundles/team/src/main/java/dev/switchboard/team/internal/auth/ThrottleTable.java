package dev.switchboard.team.internal.auth;

import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreTimes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The login throttle's counts in the team's table {@code login_throttle}, shared by every node (issue 12). A key is
 * stored as its SHA-256, so the table holds no e-mail or address. An update makes sure the key's row exists
 * ({@code on conflict do nothing}, which H2 knows without a conflict target only), locks it ({@code for update})
 * and writes the new state in the same short transaction: two nodes counting a failure of one key at once both
 * count.
 */
final class ThrottleTable implements LoginThrottle.Store {

    /** Rows that no longer matter are deleted at most this often per node. */
    static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final PersistenceUnit unit;
    private final Function<LoginThrottle.State, Instant> expiry;
    private final AtomicReference<Instant> pruned = new AtomicReference<>(Instant.MIN);

    ThrottleTable(PersistenceUnit unit, Function<LoginThrottle.State, Instant> expiry) {
        this.unit = unit;
        this.expiry = expiry;
    }

    @Override
    public Optional<LoginThrottle.State> read(String key) {
        String hash = hash(key);
        return unit.read((em, tx) -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select window_start, failures, locked_until"
                    + " from login_throttle where key_hash = ?1").setParameter(1, hash).getResultList();
            return rows.stream().findFirst().map(ThrottleTable::state);
        });
    }

    @Override
    public void update(String key, Instant now, UnaryOperator<LoginThrottle.State> change) {
        String hash = hash(key);
        unit.inTransaction((em, tx) -> {
            em.createNativeQuery("insert into login_throttle (key_hash, window_start, failures, expires_at)"
                            + " values (?1, ?2, 0, ?2) on conflict do nothing")
                    .setParameter(1, hash).setParameter(2, StoreTimes.utc(now)).executeUpdate();
            Object[] row = (Object[]) em.createNativeQuery("select window_start, failures, locked_until"
                    + " from login_throttle where key_hash = ?1 for update").setParameter(1, hash).getSingleResult();
            LoginThrottle.State old = state(row);
            // a row just made holds no failure yet: to the rules it is no state at all
            LoginThrottle.State next = change.apply(old.failures() == 0 && old.lockedUntil() == null ? null : old);
            // a null parameter has no type of its own on PostgreSQL
            em.createNativeQuery("update login_throttle set window_start = ?2, failures = ?3,"
                            + " locked_until = cast(?4 as timestamp with time zone), expires_at = ?5"
                            + " where key_hash = ?1")
                    .setParameter(1, hash)
                    .setParameter(2, StoreTimes.utc(next.windowStart()))
                    .setParameter(3, next.failures())
                    .setParameter(4, StoreTimes.utc(next.lockedUntil()))
                    .setParameter(5, StoreTimes.utc(expiry.apply(next)))
                    .executeUpdate();
            return null;
        });
    }

    @Override
    public void clear(String key) {
        String hash = hash(key);
        unit.inTransaction((em, tx) -> em.createNativeQuery("delete from login_throttle where key_hash = ?1")
                .setParameter(1, hash).executeUpdate());
    }

    @Override
    public void prune(Instant now) {
        Instant last = pruned.get();
        if (last.plus(PRUNE_EVERY).isAfter(now) || !pruned.compareAndSet(last, now)) {
            return;
        }
        unit.inTransaction((em, tx) -> em.createNativeQuery("delete from login_throttle where expires_at < ?1")
                .setParameter(1, StoreTimes.utc(now)).executeUpdate());
    }

    /** How many keys the table holds, for tests. */
    long size() {
        return unit.read((em, tx) -> ((Number) em.createNativeQuery("select count(*) from login_throttle")
                .getSingleResult()).longValue());
    }

    private static LoginThrottle.State state(Object[] row) {
        return new LoginThrottle.State(StoreTimes.instant(row[0]), ((Number) row[1]).intValue(),
                StoreTimes.instant(row[2]));
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
