package dev.switchboard.chat.internal.outbox;

import java.time.Duration;

/** The outbox's settings as values, checked once. */
public record OutboxSettings(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration pollInterval,
                             int batchSize, Duration lease) {

    public OutboxSettings {
        if (maxAttempts < 1 || batchSize < 1 || baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0
                || pollInterval.toMillis() < 10 || lease.toMillis() < 1000) {
            throw new IllegalArgumentException("outbox settings out of range: maxAttempts " + maxAttempts
                    + ", batchSize " + batchSize + ", baseDelay " + baseDelay + ", maxDelay " + maxDelay
                    + ", pollInterval " + pollInterval + ", lease " + lease);
        }
    }

    static OutboxSettings of(ChatConfig c) {
        return new OutboxSettings(c.outbox_maxAttempts(), Duration.ofMillis(c.outbox_baseDelayMs()),
                Duration.ofMillis(c.outbox_maxDelayMs()), Duration.ofMillis(c.outbox_pollIntervalMs()),
                c.outbox_batchSize(), Duration.ofMillis(c.outbox_leaseMs()));
    }

    /** Exponential backoff: the base delay after the first failure, doubled after each further one, capped. */
    public Duration delayAfter(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        long ms = baseDelay.toMillis() << doublings;
        return ms < 0 || ms > maxDelay.toMillis() ? maxDelay : Duration.ofMillis(ms);
    }
}
