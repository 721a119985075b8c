package dev.switchboard.itest.channel;

import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.Refusal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the test platform answers a send, as a test sets it through {@code POST /test-channel/mode} (MSG-2): each mode
 * is one of the answers a real platform gives, mapped the way the SPI asks.
 * <ul>
 *   <li>{@code ok}: accepted ({@link DeliveryResult.Sent});</li>
 *   <li>{@code refuse}: refused for good ({@link Refusal#OTHER}, "the test channel refuses");</li>
 *   <li>{@code blocked}: the client blocked the bot ({@link Refusal#CLIENT_BLOCKED});</li>
 *   <li>{@code retry:N}: the next N sends fail for now ({@link DeliveryResult.Retry}), then {@code ok};</li>
 *   <li>{@code retryAfter:S}: the next send is rate-limited with "retry after S seconds", then {@code ok};</li>
 *   <li>{@code failing}: the platform refuses the bot's token ({@link DeliveryResult.ConnectionFailing}) until the
 *       mode changes;</li>
 *   <li>{@code slow:MS}: every send takes MS milliseconds, then is accepted.</li>
 * </ul>
 */
sealed interface SendMode {

    /**
     * The answer to the next send, or empty to accept it. Counting modes use themselves up here, so the same
     * instance is shared by the threads that send at once.
     */
    Optional<DeliveryResult> answer();

    /** How long a send takes before it is answered. */
    default Duration delay() {
        return Duration.ZERO;
    }

    record Ok() implements SendMode {
        @Override
        public Optional<DeliveryResult> answer() {
            return Optional.empty();
        }
    }

    record Refuse() implements SendMode {
        @Override
        public Optional<DeliveryResult> answer() {
            return Optional.of(new DeliveryResult.Refused(Refusal.OTHER, "the test channel refuses"));
        }
    }

    record Blocked() implements SendMode {
        @Override
        public Optional<DeliveryResult> answer() {
            return Optional.of(new DeliveryResult.Refused(Refusal.CLIENT_BLOCKED, "the client blocked the bot"));
        }
    }

    record RetryTimes(AtomicInteger left) implements SendMode {
        @Override
        public Optional<DeliveryResult> answer() {
            return left.getAndUpdate(n -> Math.max(n - 1, 0)) > 0
                    ? Optional.of(new DeliveryResult.Retry("the test channel fails on request"))
                    : Optional.empty();
        }
    }

    record RetryAfter(Duration after, AtomicInteger left) implements SendMode {
        @Override
        public Optional<DeliveryResult> answer() {
            return left.getAndUpdate(n -> Math.max(n - 1, 0)) > 0
                    ? Optional.of(new DeliveryResult.Retry("too many requests: retry after " + after.toSeconds()
                    + " s", Optional.of(after)))
                    : Optional.empty();
        }
    }

    record Failing() implements SendMode {
        @Override
        public Optional<DeliveryResult> answer() {
            return Optional.of(new DeliveryResult.ConnectionFailing("the test platform refuses the bot's token"));
        }
    }

    record Slow(Duration delay) implements SendMode {
        @Override
        public Optional<DeliveryResult> answer() {
            return Optional.empty();
        }
    }

    /** The mode a test asked for; {@link IllegalArgumentException} for anything else. */
    static SendMode parse(String mode) {
        String m = mode == null ? "" : mode.strip();
        try {
            if (m.equals("ok")) {
                return new Ok();
            } else if (m.equals("refuse")) {
                return new Refuse();
            } else if (m.equals("blocked")) {
                return new Blocked();
            } else if (m.equals("failing")) {
                return new Failing();
            } else if (m.startsWith("retry:")) {
                return new RetryTimes(new AtomicInteger(positive(m.substring("retry:".length()))));
            } else if (m.startsWith("retryAfter:")) {
                return new RetryAfter(Duration.ofSeconds(positive(m.substring("retryAfter:".length()))),
                        new AtomicInteger(1));
            } else if (m.startsWith("slow:")) {
                return new Slow(Duration.ofMillis(positive(m.substring("slow:".length()))));
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new IllegalArgumentException("mode is ok, refuse, blocked, failing, retry:N, retryAfter:S or slow:MS,"
                + " not " + m);
    }

    private static int positive(String number) {
        int n = Integer.parseInt(number.strip());
        if (n < 1) {
            throw new NumberFormatException("not positive");
        }
        return n;
    }
}
