package dev.switchboard.bench.common;

import java.util.Arrays;

/**
 * Recorded call durations in nanoseconds, thread-confined or merged afterwards, for every benchmark. Percentiles are read from the
 * sorted samples (nearest rank), which is exact for the few hundred thousand samples a run records; no
 * histogram approximation is needed at this size.
 */
public final class Latencies {

    private long[] nanos = new long[1024];
    private int size;

    public void record(long durationNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = durationNanos;
    }

    public void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            record(other.nanos[i]);
        }
    }

    public int count() {
        return size;
    }

    /** The q-quantile (0 < q <= 1) in milliseconds, nearest rank. */
    public double millis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)] / 1e6;
    }

    /** The mean in milliseconds (0 without samples). */
    public double meanMillis() {
        if (size == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += nanos[i];
        }
        return sum / size / 1e6;
    }

    public double maxMillis() {
        return millis(1.0);
    }

    /** "p50 1.23 ms, p95 ..., p99 ..., max ..." */
    public String summary() {
        return String.format("n=%d p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms", size, millis(0.50),
                millis(0.95), millis(0.99), maxMillis());
    }
}
