package dev.switchboard.itest.kit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waiting for what happens asynchronously in a running distribution (the boot, services coming and going, the outbox,
 * the fetch job). Only JDK classes, so that it runs inside a Pax Exam container as well as outside.
 */
public final class Await {

    /** How long {@link #until} waits unless told otherwise: boots and backoffs take seconds, not minutes. */
    public static final Duration DEFAULT = Duration.ofSeconds(60);

    private Await() {
    }

    /** Calls until the answer satisfies {@code done}, for up to {@link #DEFAULT}; returns that answer. */
    public static <T> T until(Callable<T> call, Predicate<T> done) throws Exception {
        return until(DEFAULT, call, done);
    }

    /**
     * Calls until the answer satisfies {@code done}, for up to {@code timeout}; returns that answer. A call that
     * throws counts as not yet; if time runs out, the last answer and the last failure are in the error.
     */
    public static <T> T until(Duration timeout, Callable<T> call, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Exception failure = null;
        do {
            try {
                last = call.call();
                failure = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                failure = e;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("gave up waiting after " + timeout.toSeconds() + " s; last answer: " + last, failure);
    }

    /**
     * Checks that the answer keeps satisfying {@code holds} for the whole of {@code period} (something that must
     * not happen, such as a message sent while its channel is away); returns the last answer.
     */
    public static <T> T during(Duration period, Callable<T> call, Predicate<T> holds) throws Exception {
        long end = System.nanoTime() + period.toNanos();
        T last;
        do {
            last = call.call();
            if (!holds.test(last)) {
                throw new AssertionError("stopped holding after less than " + period.toMillis() + " ms: " + last);
            }
            Thread.sleep(100);
        } while (System.nanoTime() < end);
        return last;
    }
}
