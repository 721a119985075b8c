package dev.switchboard.channel.widget.internal.http;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The widget's rate limits (issue 10, "Safety"), in memory on each node: per visitor 30 messages a minute and 20
 * uploads in 10 minutes; per client address 20 new sessions a minute and 300 requests a minute. Each answer is 0 when
 * the call passes, or the seconds to wait ({@code Retry-After}).
 */
public final class RateLimits {

    static final int MAX_KEYS = 100_000;

    private final TokenBuckets messages;
    private final TokenBuckets uploads;
    private final TokenBuckets sessions;
    private final TokenBuckets requests;

    public RateLimits(LongSupplier nanos) {
        messages = new TokenBuckets(30, Duration.ofMinutes(1), MAX_KEYS, nanos);
        uploads = new TokenBuckets(20, Duration.ofMinutes(10), MAX_KEYS, nanos);
        sessions = new TokenBuckets(20, Duration.ofMinutes(1), MAX_KEYS, nanos);
        requests = new TokenBuckets(300, Duration.ofMinutes(1), MAX_KEYS, nanos);
    }

    public RateLimits() {
        this(System::nanoTime);
    }

    long message(String visitor) {
        return messages.take(visitor);
    }

    long upload(String visitor) {
        return uploads.take(visitor);
    }

    long session(String address) {
        return sessions.take(address);
    }

    long request(String address) {
        return requests.take(address);
    }
}
