package dev.switchboard.channel.widget.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

    @Test
    void WIDGET_aBurstUpToTheCapacityPassesThenTheRateHolds() {
        TokenBuckets buckets = new TokenBuckets(20, Duration.ofMinutes(10), 100, nanos::get);
        for (int i = 0; i < 20; i++) {
            assertThat(buckets.take("visitor")).isZero();
        }

        // one upload every 30 s
        assertThat(buckets.take("visitor")).isEqualTo(30);
        assertThat(buckets.take("another")).isZero();
        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(buckets.take("visitor")).isEqualTo(1);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(buckets.take("visitor")).isZero();
        assertThat(buckets.take("visitor")).isEqualTo(30);
    }

    @Test
    void WIDGET_keysThatRefilledAreForgotten() {
        TokenBuckets buckets = new TokenBuckets(30, Duration.ofMinutes(1), 100, nanos::get);
        for (int i = 0; i < 50; i++) {
            for (int n = 0; n < 30; n++) {
                buckets.take("visitor-" + i);
            }
        }
        assertThat(buckets.size()).isEqualTo(50);

        nanos.addAndGet(Duration.ofSeconds(11).toNanos());
        buckets.take("busy");
        assertThat(buckets.size()).as("not refilled yet: still remembered").isEqualTo(51);

        nanos.addAndGet(Duration.ofSeconds(60).toNanos());
        buckets.take("now");
        assertThat(buckets.size()).isEqualTo(1);
    }

    @Test
    void WIDGET_theMapNeverHoldsMoreThanItsBoundTheLongestIdleGoFirst() {
        TokenBuckets buckets = new TokenBuckets(1, Duration.ofHours(1), 10, nanos::get);
        buckets.take("oldest");
        for (int i = 0; i < 30; i++) {
            nanos.incrementAndGet();
            buckets.take("flood-" + i);
            assertThat(buckets.size()).isLessThanOrEqualTo(10);
        }

        // forgotten: it may pass again; a recent one is still held
        assertThat(buckets.take("oldest")).isZero();
        assertThat(buckets.take("flood-29")).isPositive();
    }
}
