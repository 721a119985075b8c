package dev.switchboard.console.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.Command;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live updates: Event Admin's thread only hands an event over, a page redraws on the console's own threads. */
class UiFeedTest {

    private final ExecutorService threads = Executors.newSingleThreadExecutor(task -> new Thread(task, "live"));

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** A UI whose session is free: like Vaadin's, access runs the command at once in the calling thread. */
    private static final class FreeUi extends UI {
        private static final long serialVersionUID = 1L;

        @Override
        public Future<Void> access(Command command) {
            command.execute();
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void WIN_aPageRedrawsOnTheConsolesThreadsNeverOnTheCallersOwn() throws Exception {
        List<String> redrawnOn = new CopyOnWriteArrayList<>();
        CountDownLatch redrawn = new CountDownLatch(1);
        Consumer<String> feed = UiFeed.batching(new FreeUi(), threads, batch -> {
            redrawnOn.add(Thread.currentThread().getName());
            redrawn.countDown();
        });

        feed.accept("message added");

        assertThat(redrawn.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(redrawnOn).containsExactly("live");
    }

    @Test
    void WIN_aBurstWhileAPageIsBusyIsOneRedrawWithEveryChangeInOrder() throws Exception {
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(2);
        Consumer<String> feed = UiFeed.batching(new FreeUi(), threads, batch -> {
            batches.add(batch);
            if (batches.size() == 1) {
                try {
                    busy.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            done.countDown();
        });

        feed.accept("first");
        // the first redraw is running (and holds the page): the burst waits as one
        while (batches.isEmpty()) {
            Thread.onSpinWait();
        }
        feed.accept("second");
        feed.accept("third");
        feed.accept("fourth");
        busy.countDown();

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(batches).containsExactly(List.of("first"), List.of("second", "third", "fourth"));
    }

    @Test
    void aStoppedConsoleDropsTheEventQuietly() {
        threads.shutdownNow();
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        Consumer<String> feed = UiFeed.batching(new FreeUi(), threads, batches::add);

        feed.accept("late");

        assertThat(batches).isEmpty();
    }
}
