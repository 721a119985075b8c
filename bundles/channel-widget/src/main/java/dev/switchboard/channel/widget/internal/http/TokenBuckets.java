package dev.switchboard.channel.widget.internal.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A rate limit per key (a visitor, an address), in memory on this node: a token bucket per key that holds
 * {@code capacity} tokens and refills them evenly over {@code period}, so a burst up to the capacity passes and a
 * steady stream is held to the rate. A bucket that has refilled completely is the same as none, so the map forgets
 * such idle keys; it never holds more than {@code maxKeys} (a flood of new keys makes it forget the longest idle ones
 * first).
 */
public final class TokenBuckets {

    private static final long SWEEP_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final double capacity;
    private final double perNano;
    private final int maxKeys;
    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    public TokenBuckets(int capacity, Duration period, int maxKeys, LongSupplier nanos) {
        if (capacity < 1 || period.isZero() || period.isNegative() || maxKeys < 1) {
            throw new IllegalArgumentException("a rate limit needs a capacity, a period and room for keys");
        }
        this.capacity = capacity;
        this.perNano = capacity / (double) period.toNanos();
        this.maxKeys = maxKeys;
        this.nanos = nanos;
        this.lastSweep = nanos.getAsLong();
    }

    /**
     * Takes a token of {@code key}'s bucket.
     *
     * @return 0 when it passes; otherwise the seconds (1 or more) until a token is there again
     */
    public long take(String key) {
        long now = nanos.getAsLong();
        sweepIfDue(now);
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.refill(now, capacity, perNano);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            double missingNanos = (1 - bucket.tokens) / perNano;
            return Math.max(1, (long) Math.ceil(missingNanos / 1e9));
        }
    }

    /** How many keys are remembered now. */
    public int size() {
        return buckets.size();
    }

    private void sweepIfDue(long now) {
        if (buckets.size() < maxKeys && now - lastSweep < SWEEP_EVERY_NANOS) {
            return;
        }
        synchronized (this) {
            if (buckets.size() < maxKeys && now - lastSweep < SWEEP_EVERY_NANOS) {
                return;
            }
            lastSweep = now;
            buckets.entrySet().removeIf(e -> e.getValue().fullAt(now, capacity, perNano));
            if (buckets.size() >= maxKeys) {
                List<Map.Entry<String, Bucket>> idle = new ArrayList<>(buckets.entrySet());
                idle.sort(Comparator.comparingLong(e -> e.getValue().updated));
                // room for a tenth more before the next forgetting
                int forget = buckets.size() - (maxKeys - Math.max(1, maxKeys / 10));
                for (int i = 0; i < forget && i < idle.size(); i++) {
                    buckets.remove(idle.get(i).getKey(), idle.get(i).getValue());
                }
            }
        }
    }

    private static final class Bucket {
        double tokens;
        volatile long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        void refill(long now, double capacity, double perNano) {
            if (now > updated) {
                tokens = Math.min(capacity, tokens + (now - updated) * perNano);
                updated = now;
            }
        }

        synchronized boolean fullAt(long now, double capacity, double perNano) {
            return tokens + (now - updated) * perNano >= capacity;
        }
    }
}
