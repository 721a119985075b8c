package dev.switchboard.console.internal.live;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import dev.switchboard.api.domain.ProjectId;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Brings a project's chat (or card) events into one page: events are queued as they arrive and handed to the page
 * in one batch inside {@code ui.access}, so a burst (a take writes a system message and changes the chat) costs the page
 * one refresh and one push, not one per event.
 */
public final class UiFeed {

    private UiFeed() {
    }

    /**
     * Follows {@code project} for {@code ui} until the returned handle is run (on detach).
     *
     * @param handler runs with the session locked, with at least one change
     */
    public static Runnable follow(UI ui, ChatEventBridge bridge, ProjectId project,
                                  Consumer<List<ChatChange>> handler) {
        return bridge.subscribe(project, batching(ui, bridge.pages(), handler));
    }

    /**
     * Follows the card events of {@code project} for {@code ui} until the returned handle is run (on detach).
     *
     * @param handler runs with the session locked, with at least one change
     */
    public static Runnable followCards(UI ui, ChatEventBridge bridge, ProjectId project,
                                       Consumer<List<CardChange>> handler) {
        return bridge.subscribeCards(project, batching(ui, bridge.pages(), handler));
    }

    /**
     * Queues each change and schedules one {@code ui.access} on {@code threads} for what is queued: the caller
     * (Event Admin's thread) never runs a page's redraw, which {@code ui.access} would do at once in the calling
     * thread whenever the session is free.
     */
    static <T> Consumer<T> batching(UI ui, Executor threads, Consumer<List<T>> handler) {
        Queue<T> pending = new ConcurrentLinkedQueue<>();
        AtomicBoolean scheduled = new AtomicBoolean();
        Runnable drain = () -> {
            try {
                ui.access(() -> {
                    scheduled.set(false);
                    List<T> batch = new ArrayList<>();
                    for (T next = pending.poll(); next != null; next = pending.poll()) {
                        batch.add(next);
                    }
                    if (!batch.isEmpty()) {
                        handler.accept(batch);
                    }
                });
            } catch (UIDetachedException gone) {
                // the page closed between the event and now; its detach removes the subscription
                scheduled.set(false);
            }
        };
        return change -> {
            pending.add(change);
            if (scheduled.compareAndSet(false, true)) {
                try {
                    threads.execute(drain);
                } catch (RejectedExecutionException stopping) {
                    // the console is stopping: its pages go with it
                    scheduled.set(false);
                }
            }
        };
    }
}
