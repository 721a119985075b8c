package dev.switchboard.chat.internal.outbox;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The outbox's settings as values, checked once (see {@link ChatConfig} for what each means).
 *
 * @param workers      sends in flight at once on this node, over all connections
 * @param sendTimeout  how long an attempt may take before it is abandoned as a retry whose outcome is unknown
 * @param heartbeat    how often the leases of sends in flight are extended; shorter than the lease
 * @param failingPause how long a connection whose platform refused it waits before it is tried again; doubled for
 *                     each further refusal in a row, up to {@code maxDelay}
 */
public record OutboxSettings(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration pollInterval,
                             int batchSize, Duration lease, int workers, Duration sendTimeout, Duration heartbeat,
                             Duration failingPause) {

    public OutboxSettings {
        if (maxAttempts < 1 || batchSize < 1 || workers < 1 || baseDelay.isNegative()
                || maxDelay.compareTo(baseDelay) < 0 || pollInterval.toMillis() < 10 || lease.toMillis() < 1000
                || sendTimeout.toMillis() < 1000 || heartbeat.toMillis() < 10 || heartbeat.compareTo(lease) >= 0
                || failingPause.toMillis() < 1000) {
            throw new IllegalArgumentException("outbox settings out of range: maxAttempts " + maxAttempts
                    + ", batchSize " + batchSize + ", workers " + workers + ", baseDelay " + baseDelay + ", maxDelay "
                    + maxDelay + ", pollInterval " + pollInterval + ", lease " + lease + ", sendTimeout " + sendTimeout
                    + ", heartbeat " + heartbeat + " (shorter than the lease), failingPause " + failingPause);
        }
    }

    /**
     * The delivery settings with the defaults of {@link ChatConfig} for the rest: 16 workers, a send timeout of five
     * minutes, a heartbeat of a quarter of the lease and a pause of a minute for a failing connection.
     */
    public OutboxSettings(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration pollInterval, int batchSize,
                          Duration lease) {
        this(maxAttempts, baseDelay, maxDelay, pollInterval, batchSize, lease, 16, Duration.ofMinutes(5),
                lease.dividedBy(4), Duration.ofMinutes(1));
    }

    static OutboxSettings of(ChatConfig c) {
        return new OutboxSettings(c.outbox_maxAttempts(), Duration.ofMillis(c.outbox_baseDelayMs()),
                Duration.ofMillis(c.outbox_maxDelayMs()), Duration.ofMillis(c.outbox_pollIntervalMs()),
                c.outbox_batchSize(), Duration.ofMillis(c.outbox_leaseMs()), c.outbox_workers(),
                Duration.ofMillis(c.outbox_sendTimeoutMs()), Duration.ofMillis(c.outbox_heartbeatMs()),
                Duration.ofMillis(c.outbox_failingPauseMs()));
    }

    public OutboxSettings withLease(Duration newLease, Duration newHeartbeat) {
        return new OutboxSettings(maxAttempts, baseDelay, maxDelay, pollInterval, batchSize, newLease, workers,
                sendTimeout, newHeartbeat, failingPause);
    }

    public OutboxSettings withSendTimeout(Duration timeout) {
        return new OutboxSettings(maxAttempts, baseDelay, maxDelay, pollInterval, batchSize, lease, workers, timeout,
                heartbeat, failingPause);
    }

    public OutboxSettings withFailingPause(Duration pause) {
        return new OutboxSettings(maxAttempts, baseDelay, maxDelay, pollInterval, batchSize, lease, workers,
                sendTimeout, heartbeat, pause);
    }

    /** Exponential backoff: the base delay after the first failure, doubled after each further one, capped. */
    public Duration delayAfter(int failedAttempts) {
        return doubled(baseDelay, failedAttempts, maxDelay);
    }

    /**
     * The backoff with jitter: drawn evenly between half and the whole of {@link #delayAfter}, so that messages that
     * failed together (a platform's outage) do not all come back in the same instant, and never later than the
     * exponential delay.
     */
    public Duration jitteredDelayAfter(int failedAttempts, RandomGenerator random) {
        long ms = delayAfter(failedAttempts).toMillis();
        long half = ms / 2;
        return Duration.ofMillis(half + random.nextLong(ms - half + 1));
    }

    /** The pause of a connection after its {@code pauses}-th refusal in a row: doubled each time, up to maxDelay. */
    public Duration failingPauseAfter(int pauses) {
        return doubled(failingPause, pauses, maxDelay.compareTo(failingPause) > 0 ? maxDelay : failingPause);
    }

    private static Duration doubled(Duration first, int times, Duration cap) {
        int doublings = Math.min(Math.max(times - 1, 0), 30);
        long ms = first.toMillis() << doublings;
        return ms < 0 || ms > cap.toMillis() ? cap : Duration.ofMillis(ms);
    }
}
