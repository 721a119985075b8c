package dev.switchboard.chat.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.channel.ChannelCapabilities;
import dev.switchboard.api.channel.ChannelCapabilities.SendRate;
import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.ConnectionStatus;
import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.OutboundMessage;
import dev.switchboard.api.chat.ChatEvents;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.chat.internal.connection.ConnectionDirectory;
import dev.switchboard.chat.internal.connection.ConnectorRegistry;
import dev.switchboard.chat.internal.connection.Connections;
import dev.switchboard.chat.internal.engine.Engine;
import dev.switchboard.chat.internal.engine.TestChannel;
import dev.switchboard.chat.internal.engine.RecordingEventAdmin;
import dev.switchboard.chat.internal.store.ChatUnit;
import dev.switchboard.store.testing.PostgresDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The outbox against PostgreSQL (MSG-2, architecture §4, §7): delivery, backoff with jitter, failure, waiting for a
 * connector, two dispatchers; fencing (a send slower than the lease, a claim taken over, a send past its timeout);
 * lanes (a hung connection beside a working one, retry-after, the rate per connection and per client, a chat's
 * order, a failing connection).
 */
class OutboxOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static Engine e;

    /** What the test channel declares unless a test says otherwise. */
    static final ChannelCapabilities CAPABILITIES = new TestChannel().capabilities;
    static final AtomicInteger NAMES = new AtomicInteger();

    /** The engine's channel of type "test", whose answer the test chooses. */
    TestChannel connector;

    @BeforeAll
    static void engine() {
        e = new Engine(DB, "outbox");
    }

    @BeforeEach
    void freshConnector() {
        connector = e.channel;
        connector.capabilities = CAPABILITIES;
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
        return dispatcher(unit, registry, settings, e.clock);
    }

    static OutboxDispatcher dispatcher(dev.switchboard.api.store.PersistenceUnit unit, ConnectorRegistry registry,
                                       OutboxSettings settings, Clock clock) {
        ConnectionDirectory connections = ConnectionDirectory.on(unit, e.team, e.secrets, registry, e.events,
                Engine.PUBLIC_URL, clock);
        return OutboxDispatcher.on(unit, e.events, registry, connections, new OutboundParts(unit, e.files, e.links),
                settings, clock);
    }

    /** A dispatcher beside the engine's, on its store, registry, connections and clock, with other settings. */
    static OutboxDispatcher dispatcher(OutboxSettings settings) {
        return OutboxDispatcher.on(e.unit, e.events, e.registry, e.connections,
                new OutboundParts(e.unit, e.files, e.links), settings, e.clock);
    }

    /** The engine's settings (Engine's defaults) with a pause for failing connections that can grow. */
    static OutboxSettings settings() {
        return new OutboxSettings(3, Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofSeconds(1), 20,
                Duration.ofMinutes(2));
    }

    /** The test channel's capabilities at another pace. */
    static ChannelCapabilities withRate(SendRate rate) {
        ChannelCapabilities c = CAPABILITIES;
        return new ChannelCapabilities(c.maxTextLength(), c.inbound(), c.outbound(), c.outboundImageTypes(), c.window(),
                c.editsSent(), c.deletesSent(), c.deduplicatesSends(), rate);
    }

    /** A connection of the test channel of its own: its lane and its pace start fresh. */
    static ChannelConnection connection() {
        return e.connections.create(e.project.id(), e.owner.id(), "test", "Bot " + NAMES.incrementAndGet());
    }

    /** A new client writes through {@code connection}, and Vitaly takes the chat. */
    static ChatId chatOn(ChannelConnection connection) {
        String client = "lane-client-" + NAMES.incrementAndGet();
        ChatId chat = e.ingress.accept(new InboundMessage(connection.id(), "lane-m-" + NAMES.incrementAndGet(), client,
                ClientProfile.named("Client", client), "hello", e.clock.instant(), Optional.empty())).chat();
        e.chats.take(chat, e.vitaly.id());
        return chat;
    }

    static Message send(ChatId chat, String text) {
        return e.chats.send(chat, e.vitaly.id(), text, Optional.empty());
    }

    static long connectionOf(OutboundMessage m) {
        return m.connection().connection().id().value();
    }

    /** The texts the connector was asked to send through {@code connection}, in order. */
    List<String> textsThrough(ChannelConnection connection) {
        return connector.sent.stream().filter(m -> connectionOf(m) == connection.id().value())
                .map(OutboundMessage::text).toList();
    }

    DeliveryState delivery(Message m) {
        return stored(m.id(), m.chat()).delivery().orElseThrow();
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
    void MSG2_aMessageSentAgainAfterALateFailureMayComeBackWithItsFirstPlatformId() {
        // a platform that dedupes sends by the message's id (VK's random_id) answers a repeat with the first id
        connector.answer = x -> new DeliveryResult.Sent("dedup-" + x.id());
        Message m = queued("Your order is ready");
        e.outbox.drain();
        e.ingress.apply(new dev.switchboard.api.channel.InboundEvent.DeliveryFailed(e.connection.id(),
                "dedup-" + m.id(), dev.switchboard.api.channel.Refusal.OTHER, "not delivered", e.clock.instant()));
        assertThat(stored(m.id(), m.chat()).delivery()).contains(DeliveryState.FAILED);
        e.chats.retry(m.id(), e.vitaly.id());
        e.outbox.drain();
        assertThat(stored(m.id(), m.chat()).delivery()).contains(DeliveryState.SENT);
        assertThat(e.count("select count(*) from outbox where message_id = " + m.id().value())).isZero();
        assertThat(e.db.rows("select message_id from message_sent_id where external_id = 'dedup-" + m.id() + "'"))
                .containsExactly(List.of(m.id().value()));
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
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> (t.getName().equals("switchboard-outbox")
                || t.getName().equals("switchboard-outbox-heartbeat")) && t.isAlive());
    }

    // ------------------------------------------------------------------------------------------------ fencing

    @Test
    void MSG2_aSendSlowerThanTheLeaseIsNeverSentTwice() throws Exception {
        ChannelConnection bot = connection();
        List<Message> messages = List.of(send(chatOn(bot), "slow 1"), send(chatOn(bot), "slow 2"));
        Map<MessageId, AtomicInteger> sends = new ConcurrentHashMap<>();
        TestChannel slow = new TestChannel();
        slow.answer = m -> {
            sends.computeIfAbsent(m.id(), k -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(3000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return new DeliveryResult.Sent("slow-" + m.id());
        };
        ConnectorRegistry registry = new ConnectorRegistry();
        registry.add(slow);
        // real time from the engine's present: leases run out here unless they are renewed
        Clock ticking = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), e.clock.instant()));
        OutboxSettings leaseOfASecond = new OutboxSettings(3, Duration.ofSeconds(2), Duration.ofSeconds(60),
                Duration.ofMillis(100), 20, Duration.ofSeconds(1)).withLease(Duration.ofSeconds(1),
                Duration.ofMillis(200));
        var otherStore = DB.openAnother();
        OutboxDispatcher one = dispatcher(e.unit, registry, leaseOfASecond, ticking);
        OutboxDispatcher two = dispatcher(otherStore.open(ChatUnit.spec()), registry, leaseOfASecond, ticking);
        try {
            one.start();
            two.start();
            // until both are recorded sent, or one went out twice (a send outliving an unrenewed lease never ends)
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> messages.stream().allMatch(m -> delivery(m) == DeliveryState.SENT)
                            || sends.values().stream().anyMatch(count -> count.get() > 1));
        } finally {
            one.stop();
            two.stop();
            otherStore.close();
        }
        assertThat(messages).allSatisfy(m -> assertThat(sends.get(m.id())).as("sends of " + m.text()).hasValue(1));
        assertThat(messages).extracting(this::delivery).containsOnly(DeliveryState.SENT);
    }

    @Test
    void MSG2_aSendWhoseClaimWasTakenOverMeanwhileIsNotMade() throws Exception {
        ChannelConnection bot = connection();
        Message m = send(chatOn(bot), "taken over");
        // node one claims, then stalls before its send for longer than the lease (its heartbeat too: a paused JVM)
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        Connections stalling = (Connections) Proxy.newProxyInstance(Connections.class.getClassLoader(),
                new Class<?>[] {Connections.class}, (proxy, method, args) -> {
                    if (method.getName().equals("live") && stalled.getCount() > 0) {
                        stalled.countDown();
                        resume.await();
                    }
                    try {
                        return method.invoke(e.connections, args);
                    } catch (InvocationTargetException thrown) {
                        throw thrown.getCause();
                    }
                });
        OutboxSettings slowHeartbeat = settings().withLease(Duration.ofMinutes(2), Duration.ofSeconds(90));
        OutboxDispatcher one = OutboxDispatcher.on(e.unit, e.events, e.registry, stalling,
                new OutboundParts(e.unit, e.files, e.links), slowHeartbeat, e.clock);
        OutboxDispatcher two = dispatcher(slowHeartbeat);
        ExecutorService node = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> first = node.submit(one::drain);
            assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();
            e.clock.advance(Duration.ofMinutes(3));
            assertThat(two.drain()).as("node two takes the lapsed claim").isEqualTo(1);
            resume.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).as("node one does not send").isZero();
        } finally {
            resume.countDown();
            node.shutdownNow();
            one.stop();
            two.stop();
        }
        assertThat(textsThrough(bot)).containsExactly("taken over");
        assertThat(delivery(m)).isEqualTo(DeliveryState.SENT);
    }

    @Test
    void MSG2_aSendPastTheTimeoutIsAbandonedAsARetryAndALateSuccessStillCounts() throws Exception {
        ChannelConnection bot = connection();
        Message m = send(chatOn(bot), "hanging");
        CountDownLatch answer = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        connector.answer = x -> {
            // a connector that ignores the interrupt and answers long after
            while (true) {
                try {
                    answer.await();
                    return new DeliveryResult.Sent("late-" + x.id());
                } catch (InterruptedException i) {
                    interrupted.set(true);
                }
            }
        };
        OutboxDispatcher d = dispatcher(settings().withLease(Duration.ofMinutes(2), Duration.ofMillis(50))
                .withSendTimeout(Duration.ofMinutes(1)));
        ExecutorService node = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> drained = node.submit(d::drain);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !textsThrough(bot).isEmpty());
            e.clock.advance(Duration.ofSeconds(59));
            Thread.sleep(200);
            assertThat(drained).as("within the timeout the send is waited for").isNotDone();
            e.clock.advance(Duration.ofSeconds(1));
            assertThat(drained.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(e.db.rows("select attempts, last_error, claim_token from outbox where message_id = "
                    + m.id().value())).singleElement().satisfies(row -> {
                        assertThat(row.get(0)).isEqualTo(1);
                        assertThat((String) row.get(1)).contains("outcome is unknown");
                        assertThat(row.get(2)).isNull();
                    });
            assertThat(delivery(m)).isEqualTo(DeliveryState.QUEUED);
            Awaitility.await("the abandoned connector call is interrupted").atMost(Duration.ofSeconds(10))
                    .untilTrue(interrupted);
            answer.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> delivery(m) == DeliveryState.SENT);
        } finally {
            answer.countDown();
            node.shutdownNow();
            d.stop();
        }
        assertThat(stored(m.id(), m.chat()).externalId()).contains("late-" + m.id());
        assertThat(e.count("select count(*) from outbox where message_id = " + m.id().value())).isZero();
        assertThat(textsThrough(bot)).containsExactly("hanging");
    }

    // -------------------------------------------------------------------------------------------------- lanes

    @Test
    void MSG2_aHungConnectionHoldsUpNoOtherAndKeepsToItsParallelSends() throws Exception {
        connector.capabilities = withRate(new SendRate(30, Duration.ZERO, 2));
        ChannelConnection hung = connection();
        ChannelConnection working = connection();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        connector.answer = m -> {
            if (connectionOf(m) == hung.id().value()) {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    release.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.decrementAndGet();
                }
            }
            return new DeliveryResult.Sent("ext-" + m.id());
        };
        OutboxDispatcher d = dispatcher(settings());
        List<Message> stuck = new ArrayList<>();
        List<Message> flowing = new ArrayList<>();
        try {
            d.start();
            for (int i = 0; i < 3; i++) {
                stuck.add(send(chatOn(hung), "hung " + i));
            }
            d.nudge();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() >= 2);
            for (int i = 0; i < 3; i++) {
                flowing.add(send(chatOn(working), "flowing " + i));
                d.nudge();
            }
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> flowing.stream().allMatch(m -> delivery(m) == DeliveryState.SENT));
            assertThat(stuck).extracting(this::delivery).containsOnly(DeliveryState.QUEUED);
            assertThat(textsThrough(hung)).as("two in flight, the third waits for a slot").hasSize(2);
            release.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> stuck.stream().allMatch(m -> delivery(m) == DeliveryState.SENT));
        } finally {
            release.countDown();
            d.stop();
        }
        assertThat(mostInFlight).hasValue(2);
        assertThat(textsThrough(hung)).containsExactlyInAnyOrder("hung 0", "hung 1", "hung 2");
    }

    @Test
    void MSG2_aRetryAfterHoldsTheWholeConnectionUntilThenAndNoOther() {
        ChannelConnection limited = connection();
        ChannelConnection other = connection();
        AtomicBoolean tooMany = new AtomicBoolean(true);
        Map<String, Instant> sentAt = new ConcurrentHashMap<>();
        connector.answer = m -> {
            sentAt.put(m.text() + "#" + m.attempt(), e.clock.instant());
            if (connectionOf(m) == limited.id().value() && tooMany.getAndSet(false)) {
                return new DeliveryResult.Retry("429 Too Many Requests", Optional.of(Duration.ofSeconds(30)));
            }
            return new DeliveryResult.Sent("ext-" + m.id());
        };
        Instant start = e.clock.instant();
        Message first = send(chatOn(limited), "first");
        Message y1 = send(chatOn(other), "other 1");
        assertThat(e.outbox.drain()).isEqualTo(2);
        assertThat(delivery(first)).isEqualTo(DeliveryState.QUEUED);
        assertThat(delivery(y1)).isEqualTo(DeliveryState.SENT);

        Message second = send(chatOn(limited), "second, another chat");
        Message y2 = send(chatOn(other), "other 2");
        assertThat(e.outbox.drain()).as("the other connection only").isEqualTo(1);
        assertThat(delivery(y2)).isEqualTo(DeliveryState.SENT);
        e.clock.advance(Duration.ofMillis(29_999));
        assertThat(e.outbox.drain()).as("long after the backoff, still within the retry-after").isZero();
        e.clock.advance(Duration.ofMillis(1));
        assertThat(e.outbox.drain()).isEqualTo(2);
        assertThat(List.of(first, second)).extracting(this::delivery).containsOnly(DeliveryState.SENT);
        assertThat(sentAt.get("first#2")).isEqualTo(start.plusSeconds(30));
        assertThat(sentAt.get("second, another chat#1")).isEqualTo(start.plusSeconds(30));
        assertThat(e.count("select count(*) from outbox_lane where connection_id = " + limited.id().value()))
                .as("a delivered message opens the lane for good").isZero();
    }

    @Test
    void MSG2_eachConnectionKeepsToItsRatePerSecond() {
        connector.capabilities = withRate(new SendRate(5, Duration.ZERO, 5));
        ChannelConnection bot = connection();
        ChannelConnection other = connection();
        for (int i = 0; i < 14; i++) {
            send(chatOn(bot), "bulk " + i);
        }
        List<Integer> perWindow = new ArrayList<>();
        perWindow.add(e.outbox.drain());
        for (int i = 0; i < 6; i++) {
            e.clock.advance(Duration.ofMillis(100));
            perWindow.add(e.outbox.drain());
        }
        Message beside = send(chatOn(other), "beside");
        assertThat(e.outbox.drain()).as("another connection is not held by this one's pace").isEqualTo(1);
        assertThat(delivery(beside)).isEqualTo(DeliveryState.SENT);
        for (int i = 0; i < 4; i++) {
            e.clock.advance(Duration.ofMillis(100));
            perWindow.add(e.outbox.drain());
        }
        // a second's worth at once (5), then one every 200 ms: 10 within the first second
        assertThat(perWindow).containsExactly(5, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1);
        assertThat(textsThrough(bot)).hasSize(10);
    }

    @Test
    void MSG2_aClientGetsNoTwoMessagesCloserThanTheChannelAllows() {
        connector.capabilities = withRate(new SendRate(30, Duration.ofSeconds(1), 4));
        ChannelConnection bot = connection();
        ChatId ann = chatOn(bot);
        ChatId bob = chatOn(bot);
        send(ann, "ann 1");
        send(ann, "ann 2");
        send(bob, "bob 1");
        assertThat(e.outbox.drain()).isEqualTo(2);
        OutboxDispatcher otherNode = dispatcher(settings());
        assertThat(otherNode.drain()).as("nor does another node send Ann's second message").isZero();
        otherNode.stop();
        e.clock.advance(Duration.ofMillis(500));
        send(bob, "bob 2");
        assertThat(e.outbox.drain()).as("neither client's second message yet").isZero();
        e.clock.advance(Duration.ofMillis(499));
        assertThat(e.outbox.drain()).isZero();
        e.clock.advance(Duration.ofMillis(1));
        assertThat(e.outbox.drain()).isEqualTo(2);
        assertThat(textsThrough(bot)).containsExactlyInAnyOrder("ann 1", "bob 1", "ann 2", "bob 2");
    }

    @Test
    void MSG2_aChatsMessagesLeaveOneAtATimeInTheOrderWritten() {
        ChannelConnection bot = connection();
        ChatId chat = chatOn(bot);
        ChatId elsewhere = chatOn(bot);
        Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicBoolean firstFails = new AtomicBoolean(true);
        connector.answer = m -> {
            AtomicInteger now = inFlight.computeIfAbsent(m.externalUserId(), k -> new AtomicInteger());
            mostAtOnce.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            now.decrementAndGet();
            return m.text().equals("one") && firstFails.getAndSet(false) ? new DeliveryResult.Retry("timeout")
                    : new DeliveryResult.Sent("ext-" + m.id());
        };
        send(chat, "one");
        send(chat, "two");
        send(chat, "three");
        Message other = send(elsewhere, "another chat");
        assertThat(e.outbox.drain()).as("the first of the chat, and the other chat").isEqualTo(2);
        assertThat(delivery(other)).isEqualTo(DeliveryState.SENT);
        assertThat(textsThrough(bot)).containsExactlyInAnyOrder("one", "another chat");
        e.clock.advance(Duration.ofSeconds(2));
        assertThat(e.outbox.drain()).isEqualTo(3);
        assertThat(textsThrough(bot)).filteredOn(t -> !t.equals("another chat"))
                .containsExactly("one", "one", "two", "three");
        assertThat(mostAtOnce).as("never two sends to one client at once").hasValue(1);
    }

    @Test
    void MSG2_aFailedMessageQueuedAgainWaitsWhileALaterOneOfItsChatIsBeingSent() throws Exception {
        ChannelConnection bot = connection();
        ChatId chat = chatOn(bot);
        connector.answer = m -> new DeliveryResult.Refused("400 Bad Request");
        Message early = send(chat, "early");
        assertThat(e.outbox.drain()).isEqualTo(1);
        CountDownLatch release = new CountDownLatch(1);
        connector.answer = m -> {
            if (m.text().equals("later")) {
                try {
                    release.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return new DeliveryResult.Sent("ext-" + m.id());
        };
        Message later = send(chat, "later");
        ExecutorService node = Executors.newSingleThreadExecutor();
        OutboxDispatcher other = dispatcher(settings());
        try {
            Future<Integer> sending = node.submit(e.outbox::drain);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> textsThrough(bot).contains("later"));
            e.chats.retry(early.id(), e.vitaly.id());
            assertThat(other.drain()).as("the earlier message waits while the later one is in flight").isZero();
            release.countDown();
            assertThat(sending.get(10, TimeUnit.SECONDS)).as("the later one, then the earlier one").isEqualTo(2);
        } finally {
            release.countDown();
            node.shutdownNow();
            other.stop();
        }
        assertThat(List.of(early, later)).extracting(this::delivery).containsOnly(DeliveryState.SENT);
        assertThat(textsThrough(bot)).containsExactly("early", "later", "early");
    }

    @Test
    void MSG2_aFailingConnectionWaitsWithoutUsingAttemptsAndResumes() {
        ChannelConnection bot = connection();
        AtomicBoolean refused = new AtomicBoolean(true);
        connector.answer = m -> refused.get() ? new DeliveryResult.ConnectionFailing("401 Unauthorized")
                : new DeliveryResult.Sent("ext-" + m.id());
        Message a = send(chatOn(bot), "a");
        Message b = send(chatOn(bot), "b");
        OutboxDispatcher d = dispatcher(settings());
        assertThat(d.drain()).isEqualTo(2);
        assertThat(e.connections.details(bot.id(), e.owner.id()).status().state())
                .isEqualTo(ConnectionStatus.State.FAILING);
        e.clock.advance(Duration.ofSeconds(59));
        assertThat(d.drain()).as("a minute's pause for the whole connection").isZero();
        e.clock.advance(Duration.ofSeconds(1));
        assertThat(d.drain()).isEqualTo(2);
        e.clock.advance(Duration.ofSeconds(119));
        assertThat(d.drain()).as("refused again: the pause doubled").isZero();
        refused.set(false);
        e.clock.advance(Duration.ofSeconds(1));
        assertThat(d.drain()).isEqualTo(2);
        assertThat(List.of(a, b)).extracting(this::delivery).containsOnly(DeliveryState.SENT);
        assertThat(connector.sent).filteredOn(m -> connectionOf(m) == bot.id().value())
                .hasSize(6).extracting(OutboundMessage::attempt).as("no attempt used up").containsOnly(1);
        assertThat(e.connections.details(bot.id(), e.owner.id()).status().state())
                .isNotEqualTo(ConnectionStatus.State.FAILING);
        assertThat(e.count("select count(*) from outbox_lane where connection_id = " + bot.id().value())).isZero();
        d.stop();
    }

    // ----------------------------------------------------------------------------------------------- settings

    @Test
    void backoffJitterStaysBetweenHalfAndTheWholeDelay() {
        OutboxSettings s = settings();
        RandomGenerator random = new java.util.Random(42);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            delays.add(s.jitteredDelayAfter(3, random).toMillis());
        }
        assertThat(delays).allSatisfy(ms -> assertThat(ms).isBetween(4000L, 8000L));
        assertThat(delays.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(4500);
        assertThat(delays.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(7500);
    }

    @Test
    void aFailingConnectionsPauseDoublesUpToTheLongestDelay() {
        OutboxSettings s = settings();
        assertThat(List.of(s.failingPauseAfter(1), s.failingPauseAfter(2), s.failingPauseAfter(4),
                s.failingPauseAfter(5), s.failingPauseAfter(50))).containsExactly(Duration.ofMinutes(1),
                Duration.ofMinutes(2), Duration.ofMinutes(8), Duration.ofMinutes(10), Duration.ofMinutes(10));
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
