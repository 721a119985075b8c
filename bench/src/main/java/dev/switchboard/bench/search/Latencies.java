package dev.switchboard.bench.search;

import java.util.Arrays;

/** Call durations in nanoseconds; percentiles by nearest rank over the sorted samples. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int size;

    void record(long durationNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = durationNanos;
    }

    int count() {
        return size;
    }

    /** The q-quantile (0 < q <= 1) in milliseconds. */
    double millis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)] / 1e6;
    }
}
