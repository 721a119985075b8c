package dev.switchboard.bench.engine;

import java.util.Arrays;

/**
 * Recorded call durations in nanoseconds, thread-confined or merged afterwards. Percentiles are read from the
 * sorted samples (nearest rank), which is exact for the few hundred thousand samples a run records; no
 * histogram approximation is needed at this size.
 */
final class Latencies {

    private long[] nanos = new long[1024];
    private int size;

    void record(long durationNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = durationNanos;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            record(other.nanos[i]);
        }
    }

    int count() {
        return size;
    }

    /** The q-quantile (0 < q <= 1) in milliseconds, nearest rank. */
    double millis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)] / 1e6;
    }

    /** The mean in milliseconds (0 without samples). */
    double meanMillis() {
        if (size == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += nanos[i];
        }
        return sum / size / 1e6;
    }

    double maxMillis() {
        return millis(1.0);
    }

    /** "p50 1.23 ms, p95 ..., p99 ..., max ..." */
    String summary() {
        return String.format("n=%d p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms", size, millis(0.50),
                millis(0.95), millis(0.99), maxMillis());
    }
}
