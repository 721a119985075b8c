package dev.switchboard.chat.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.OutboundMessage;
import dev.switchboard.api.chat.ChatEvents;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.chat.internal.connection.ConnectionDirectory;
import dev.switchboard.chat.internal.connection.ConnectorRegistry;
import dev.switchboard.chat.internal.engine.Engine;
import dev.switchboard.chat.internal.engine.TestChannel;
import dev.switchboard.chat.internal.engine.RecordingEventAdmin;
import dev.switchboard.chat.internal.store.ChatUnit;
import dev.switchboard.store.testing.PostgresDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The outbox against PostgreSQL: delivery, backoff, failure, waiting for a connector, two dispatchers (MSG-2). */
class OutboxOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static Engine e;

    /** The engine's channel of type "test", whose answer the test chooses. */
    TestChannel connector;

    @BeforeAll
    static void engine() {
        e = new Engine(DB, "outbox");
    }

    @BeforeEach
    void freshConnector() {
        connector = e.channel;
        connector.answer = m -> new DeliveryResult.Sent("ext-" + m.id());
        e.registry.add(connector);
        // a day on: what earlier tests left waiting (backoffs, paused lanes) is due and sent now, and every lane's
        // pace starts afresh, so that no test counts another's messages
        e.clock.advance(Duration.ofDays(1));
        e.outbox.drain();
        connector.sent.clear();
        e.events.clear();
    }

    /** A dispatcher of its own on {@code unit}, as another node would run it. */
    static OutboxDispatcher dispatcher(dev.switchboard.api.store.PersistenceUnit unit, ConnectorRegistry registry,
                                       OutboxSettings settings) {
        ConnectionDirectory connections = ConnectionDirectory.on(unit, e.team, e.secrets, registry, e.events,
                Engine.PUBLIC_URL, e.clock);
        return OutboxDispatcher.on(unit, e.events, registry, connections, new OutboundParts(unit, e.files, e.links),
                settings, e.clock);
    }

    Message queued(String text) {
        ChatId chat = e.newChat();
        e.chats.take(chat, e.vitaly.id());
        return e.chats.send(chat, e.vitaly.id(), text, Optional.empty());
    }

    Message stored(MessageId id, ChatId chat) {
        return e.chats.history(chat, e.owner.id(), Optional.empty(), 50).items().stream()
                .filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void MSG2_aQueuedMessageIsSentOnceAndMarkedSentWithItsExternalId() {
        Message m = queued("Hello");
        assertThat(e.outbox.drain()).isEqualTo(1);
        assertThat(connector.sent).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo("Hello");
            assertThat(c.attempt()).isEqualTo(1);
            assertThat(c.externalUserId()).startsWith("client-");
            assertThat(c.connection().connection()).isEqualTo(e.connection);
        });
        Message sent = stored(m.id(), m.chat());
        assertThat(sent.delivery()).contains(DeliveryState.SENT);
        assertThat(sent.externalId()).contains("ext-" + m.id());
        assertThat(e.count("select count(*) from outbox where message_id = " + m.id().value())).isZero();
        assertThat(e.events.of(m.chat().value())).extracting(RecordingEventAdmin.Posted::topic)
                .contains(ChatEvents.DELIVERY_CHANGED);
        assertThat(e.outbox.drain()).isZero();
    }

    @Test
    void MSG2_passingFailuresAreRetriedWithBackoffThenFailed() {
        connector.answer = m -> new DeliveryResult.Retry("timeout");
        Message m = queued("Are you there?");
        assertThat(e.outbox.drain()).isEqualTo(1);
        assertThat(e.outbox.drain()).as("not due before the backoff").isZero();
        // with jitter, the n-th delay lies between half and the whole of base * 2^(n-1)
        e.clock.advance(Duration.ofMillis(999));
        assertThat(e.outbox.drain()).as("not before half of the first delay").isZero();
        e.clock.advance(Duration.ofMillis(1001));
        assertThat(e.outbox.drain()).as("due by the whole first delay").isEqualTo(1);
        e.clock.advance(Duration.ofMillis(1999));
        assertThat(e.outbox.drain()).as("second delay is doubled: not before 2 s").isZero();
        e.clock.advance(Duration.ofMillis(2001));
        assertThat(e.outbox.drain()).isEqualTo(1);
        assertThat(connector.sent).extracting(OutboundMessage::attempt).containsExactly(1, 2, 3);
        Message failed = stored(m.id(), m.chat());
        assertThat(failed.delivery()).contains(DeliveryState.FAILED);
        assertThat(failed.failure()).hasValueSatisfying(f -> assertThat(f).contains("3 attempts").contains("timeout"));
        assertThat(e.count("select count(*) from outbox where message_id = " + m.id().value())).isZero();
    }

    @Test
    void MSG2_aRefusalFailsAtOnceAndRetryQueuesItAgain() {
        connector.answer = m -> new DeliveryResult.Refused("bot blocked");
        Message m = queued("Hi");
        e.outbox.drain();
        assertThat(stored(m.id(), m.chat()).failure()).contains("bot blocked");
        assertThat(connector.sent).hasSize(1);
        connector.answer = x -> new DeliveryResult.Sent("ok-1");
        Message requeued = e.chats.retry(m.id(), e.vitaly.id());
        assertThat(requeued.delivery()).contains(DeliveryState.QUEUED);
        assertThat(requeued.failure()).isEmpty();
        e.outbox.drain();
        assertThat(stored(m.id(), m.chat()).delivery()).contains(DeliveryState.SENT);
        assertThat(connector.sent).extracting(OutboundMessage::attempt).containsExactly(1, 1);
    }

    @Test
    void MSG2_aConnectorThatThrowsCountsAsAPassingFailure() {
        connector.answer = m -> {
            throw new IllegalStateException("bug in the channel");
        };
        Message m = queued("x");
        e.outbox.drain();
        assertThat(stored(m.id(), m.chat()).delivery()).contains(DeliveryState.QUEUED);
        assertThat(e.db.rows("select attempts from outbox where message_id = " + m.id().value()))
                .containsExactly(List.of(1));
    }

    @Test
    void messagesOfAnAbsentChannelWaitWithoutAttemptsAndDrainWhenItAppears() {
        e.registry.remove(connector);
        Message m = queued("while away");
        assertThat(e.outbox.drain()).isZero();
        e.clock.advance(Duration.ofHours(1));
        assertThat(e.outbox.drain()).isZero();
        assertThat(e.db.rows("select attempts from outbox where message_id = " + m.id().value()))
                .containsExactly(List.of(0));
        e.registry.add(connector);
        assertThat(e.outbox.drain()).isEqualTo(1);
        assertThat(stored(m.id(), m.chat()).delivery()).contains(DeliveryState.SENT);
    }

    @Test
    void twoDispatchersOnTwoStoresNeverSendAMessageTwice() throws Exception {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            messages.add(queued("bulk " + i));
        }
        Map<MessageId, AtomicInteger> sends = new ConcurrentHashMap<>();
        TestChannel counting = new TestChannel();
        counting.answer = message -> {
            sends.computeIfAbsent(message.id(), k -> new AtomicInteger()).incrementAndGet();
            return new DeliveryResult.Sent("x-" + message.id());
        };
        ConnectorRegistry others = new ConnectorRegistry();
        others.add(counting);
        var otherStore = DB.openAnother();
        try {
            OutboxSettings small = new OutboxSettings(3, Duration.ofSeconds(2), Duration.ofSeconds(60),
                    Duration.ofSeconds(1), 5, Duration.ofMinutes(2));
            OutboxDispatcher one = dispatcher(e.unit, others, small);
            OutboxDispatcher two = dispatcher(otherStore.open(ChatUnit.spec()), others, small);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CountDownLatch go = new CountDownLatch(1);
                Future<Integer> a = pool.submit(() -> {
                    go.await();
                    return one.drain();
                });
                Future<Integer> b = pool.submit(() -> {
                    go.await();
                    return two.drain();
                });
                go.countDown();
                int total = a.get(60, TimeUnit.SECONDS) + b.get(60, TimeUnit.SECONDS);
                assertThat(total).isEqualTo(60);
            } finally {
                pool.shutdownNow();
            }
        } finally {
            otherStore.close();
        }
        assertThat(sends).hasSize(60).allSatisfy((id, count) -> assertThat(count.get()).isEqualTo(1));
        assertThat(messages).allSatisfy(m -> assertThat(stored(m.id(), m.chat()).delivery()).contains(DeliveryState.SENT));
    }

    @Test
    void theScheduledDispatcherDeliversAfterANudgeAndStopsCleanly() {
        ConnectorRegistry own = new ConnectorRegistry();
        own.add(connector);
        e.registry.remove(connector);
        OutboxDispatcher scheduled = dispatcher(e.unit, own, new OutboxSettings(3,
                Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofMinutes(10), 20, Duration.ofMinutes(2)));
        scheduled.start();
        try {
            Message m = queued("scheduled");
            scheduled.nudge();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> stored(m.id(), m.chat()).delivery().orElseThrow() == DeliveryState.SENT);
        } finally {
            scheduled.stop();
            e.registry.add(connector);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("switchboard-outbox")
                && t.isAlive());
    }

    @Test
    void backoffDoublesUpToTheCap() {
        OutboxSettings s = new OutboxSettings(10, Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofSeconds(1),
                1, Duration.ofMinutes(1));
        assertThat(List.of(s.delayAfter(1), s.delayAfter(2), s.delayAfter(3), s.delayAfter(4), s.delayAfter(5),
                s.delayAfter(40))).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(16), Duration.ofSeconds(20), Duration.ofSeconds(20));
    }
}
