package dev.switchboard.chat.internal.outbox;

import dev.switchboard.api.channel.ChannelCapabilities.SendRate;
import dev.switchboard.chat.internal.outbox.Claims.Claim;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One claimed message on its way through a connector on a worker thread of this node (MSG-2). It either ends on its
 * own or is abandoned by the heartbeat when it outlives the send timeout; exactly one of the two records the outcome.
 */
final class Attempt {

    private enum State {
        RUNNING,
        ENDED,
        ABANDONED
    }

    final Claim claim;
    /** 1 for the first try of the message. */
    final int number;
    final SendRate rate;
    final Instant claimedAt;
    /** Completed when the attempt ended or was abandoned: what {@link OutboxDispatcher#drain()} waits for. */
    final CompletableFuture<Void> settled = new CompletableFuture<>();
    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    /** The worker thread while it is inside the connector, for the abandon to interrupt; guarded by this. */
    private Thread inConnector;
    /** Whether the connector was called or the message was failed: the attempts drain() counts. */
    private volatile boolean counted;

    Attempt(Claim claim, SendRate rate, Instant claimedAt) {
        this.claim = claim;
        this.number = claim.attempts() + 1;
        this.rate = rate;
        this.claimedAt = claimedAt;
    }

    boolean running() {
        return state.get() == State.RUNNING;
    }

    /** The worker is done: true if it records the outcome, false if the attempt was abandoned before. */
    boolean end() {
        return state.compareAndSet(State.RUNNING, State.ENDED);
    }

    /** The heartbeat gives up on it: true if it records the outcome, false if the worker ended it before. */
    boolean abandon() {
        return state.compareAndSet(State.RUNNING, State.ABANDONED);
    }

    synchronized void enterConnector() {
        inConnector = Thread.currentThread();
    }

    /** Leaves the connector and clears an interrupt the abandon may have sent, so that it reaches nothing else. */
    synchronized void leaveConnector() {
        inConnector = null;
        Thread.interrupted();
    }

    /** Interrupts the connector call, if it is in one: a connector blocked on I/O may give up sooner. */
    synchronized void interrupt() {
        if (inConnector != null) {
            inConnector.interrupt();
        }
    }

    void count() {
        counted = true;
    }

    boolean counted() {
        return counted;
    }
}
