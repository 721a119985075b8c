package dev.switchboard.chat.internal.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.channel.Refusal;
import dev.switchboard.api.chat.ChatEvents;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.chat.SendConditions;
import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.chat.internal.engine.Engine;
import dev.switchboard.chat.internal.engine.RecordingEventAdmin;
import dev.switchboard.store.testing.PostgresDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whether the team can write to a client (architecture §4, MSG-2, MSG-4): a client who blocks the bot or
 * unsubscribes makes the chat unreachable, with one system message per change; the composer says why and a send is
 * refused; allowing messages again, or writing, makes it reachable.
 */
class ReachabilityOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static Engine e;
    static final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    static void engine() {
        e = new Engine(DB, "reach");
    }

    @BeforeEach
    void quiet() {
        e.channel.answer = m -> new DeliveryResult.Sent("ext-" + m.id());
        e.outbox.drain();
        e.events.clear();
    }

    /** A client who wrote, in a chat Vitaly took. */
    record Client(String id, ChatId chat) {
    }

    static Client client(String name) {
        String id = name + "-" + ids.incrementAndGet();
        ChatId chat = writes(id, "hello").chat();
        e.chats.take(chat, e.vitaly.id());
        return new Client(id, chat);
    }

    static Ingress.Received writes(String client, String text) {
        return e.ingress.accept(e.message(client, client + "-m" + ids.incrementAndGet(), text, Optional.empty()));
    }

    static InboundEvent.Reachability blocks(Client c, String reason) {
        return new InboundEvent.Reachability(e.connection.id(), c.id(), false, reason, e.clock.instant());
    }

    static InboundEvent.Reachability allows(Client c) {
        return new InboundEvent.Reachability(e.connection.id(), c.id(), true, null, e.clock.instant());
    }

    static Optional<SendConditions.Unavailable> unavailable(Client c) {
        return e.chats.sendConditions(c.chat(), e.vitaly.id()).unavailable();
    }

    static List<SystemEvent> reachabilityMessages(Client c) {
        List<SystemEvent> newestFirst = e.chats.history(c.chat(), e.vitaly.id(), Optional.empty(), 200).items()
                .stream().flatMap(m -> m.event().stream())
                .filter(x -> x instanceof SystemEvent.ClientUnreachable || x instanceof SystemEvent.ClientReachable)
                .collect(java.util.stream.Collectors.toList());
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    static void sendIsRefusedBecauseUnreachable(Client c, String detail) {
        assertThatThrownBy(() -> e.chats.send(c.chat(), e.vitaly.id(), "Are you still there?", Optional.empty()))
                .isInstanceOfSatisfying(Conflict.class, x -> {
                    assertThat(x.messageKey()).isEqualTo("error.send.CLIENT_UNREACHABLE");
                    assertThat(x.arguments()).containsExactly(detail);
                });
    }

    @Test
    void MSG4_aClientWhoBlocksTheBotMakesTheChatUnreachableAndTheComposerSaysWhy() {
        Client c = client("anna");
        e.events.clear();
        e.ingress.apply(blocks(c, "blocked the bot"));

        assertThat(reachabilityMessages(c)).containsExactly(new SystemEvent.ClientUnreachable("blocked the bot"));
        assertThat(unavailable(c)).contains(new SendConditions.Unavailable(
                SendConditions.Reason.CLIENT_UNREACHABLE, "blocked the bot"));
        assertThat(e.events.of(c.chat().value())).extracting(RecordingEventAdmin.Posted::topic)
                .containsExactlyInAnyOrder(ChatEvents.CHAT_CHANGED, ChatEvents.MESSAGE_ADDED);
        long before = e.count("select count(*) from message where chat_id = " + c.chat().value());
        sendIsRefusedBecauseUnreachable(c, "blocked the bot");
        assertThat(e.count("select count(*) from message where chat_id = " + c.chat().value())).isEqualTo(before);
    }

    @Test
    void MSG4_aRepeatedBlockLeavesNoSecondSystemMessage() {
        Client c = client("boris");
        e.ingress.apply(blocks(c, "blocked the bot"));
        e.events.clear();
        e.ingress.apply(blocks(c, "blocked the bot"));
        assertThat(reachabilityMessages(c)).hasSize(1);
        assertThat(e.events.posted()).isEmpty();
    }

    @Test
    void MSG4_allowingMessagesAgainMakesTheChatReachableOnce() {
        Client c = client("vera");
        e.ingress.apply(blocks(c, "unsubscribed"));
        e.ingress.apply(allows(c));
        e.ingress.apply(allows(c));
        assertThat(reachabilityMessages(c)).containsExactly(new SystemEvent.ClientUnreachable("unsubscribed"),
                new SystemEvent.ClientReachable());
        assertThat(unavailable(c)).isEmpty();
        Message m = e.chats.send(c.chat(), e.vitaly.id(), "Welcome back", Optional.empty());
        assertThat(m.delivery()).contains(DeliveryState.QUEUED);
    }

    @Test
    void MSG4_aReachableClientAllowingMessagesChangesNothing() {
        Client c = client("gleb");
        e.events.clear();
        e.ingress.apply(allows(c));
        assertThat(reachabilityMessages(c)).isEmpty();
        assertThat(e.events.posted()).isEmpty();
    }

    @Test
    void MSG4_aBlockWithoutAReasonStillMakesTheChatUnreachable() {
        Client c = client("dana");
        e.ingress.apply(blocks(c, null));
        assertThat(unavailable(c)).hasValueSatisfying(u -> {
            assertThat(u.reason()).isEqualTo(SendConditions.Reason.CLIENT_UNREACHABLE);
            assertThat(u.detail()).isNotBlank();
        });
        assertThat(reachabilityMessages(c)).hasSize(1);
    }

    @Test
    void MSG4_aBlockOfAClientWithoutAChatChangesNothing() {
        long before = e.count("select count(*) from message");
        e.ingress.apply(new InboundEvent.Reachability(e.connection.id(), "never-wrote", false, "blocked the bot",
                e.clock.instant()));
        assertThat(e.count("select count(*) from message")).isEqualTo(before);
    }

    @Test
    void MSG4_aClientWhoWritesAgainIsReachableAndTheirMessageOpensTheWindow() {
        Client c = client("egor");
        e.ingress.apply(blocks(c, "blocked the bot"));
        e.clock.advance(Duration.ofHours(3));
        Ingress.Received back = writes(c.id(), "sorry, wrong button");
        assertThat(back.chat()).isEqualTo(c.chat());
        assertThat(reachabilityMessages(c)).containsExactly(new SystemEvent.ClientUnreachable("blocked the bot"),
                new SystemEvent.ClientReachable());
        assertThat(unavailable(c)).isEmpty();
        assertThat(StoreTimes.instant(e.db.rows("select client_last_wrote from chat where id = "
                + c.chat().value()).get(0).get(0))).isEqualTo(e.clock.instant());
    }

    @Test
    void MSG2_aSendTheClientBlockedMakesTheChatUnreachableAndRetryIsRefused() {
        Client c = client("fedor");
        Message m = e.chats.send(c.chat(), e.vitaly.id(), "Your code is 1234", Optional.empty());
        e.outbox.drain();
        e.events.clear();
        e.ingress.apply(new InboundEvent.DeliveryFailed(e.connection.id(), "ext-" + m.id(), Refusal.CLIENT_BLOCKED,
                "Forbidden: bot was blocked by the user", e.clock.instant()));

        Message failed = e.chats.history(c.chat(), e.vitaly.id(), Optional.empty(), 50).items().stream()
                .filter(x -> x.id().equals(m.id())).findFirst().orElseThrow();
        assertThat(failed.delivery()).contains(DeliveryState.FAILED);
        assertThat(failed.failure()).contains("Forbidden: bot was blocked by the user");
        assertThat(reachabilityMessages(c)).containsExactly(
                new SystemEvent.ClientUnreachable("Forbidden: bot was blocked by the user"));
        assertThat(e.chats.sendConditions(c.chat(), e.vitaly.id()).unavailable())
                .hasValueSatisfying(u -> assertThat(u.reason()).isEqualTo(SendConditions.Reason.CLIENT_UNREACHABLE));
        assertThatThrownBy(() -> e.chats.retry(m.id(), e.vitaly.id()))
                .isInstanceOfSatisfying(Conflict.class,
                        x -> assertThat(x.messageKey()).isEqualTo("error.send.CLIENT_UNREACHABLE"));
    }

    @Test
    void MSG2_aRedeliveredBlockedFailureDoesNotMakeAClientWhoWroteSinceUnreachable() {
        Client c = client("irina");
        Message m = e.chats.send(c.chat(), e.vitaly.id(), "hello", Optional.empty());
        e.outbox.drain();
        InboundEvent.DeliveryFailed blocked = new InboundEvent.DeliveryFailed(e.connection.id(), "ext-" + m.id(),
                Refusal.CLIENT_BLOCKED, "blocked", e.clock.instant());
        e.ingress.apply(blocked);
        e.clock.advance(Duration.ofMinutes(5));
        writes(c.id(), "unblocked you");
        e.clock.advance(Duration.ofMinutes(5));
        // the platform delivers the old webhook again
        e.ingress.apply(blocked);
        assertThat(unavailable(c)).isEmpty();
        assertThat(reachabilityMessages(c)).containsExactly(new SystemEvent.ClientUnreachable("blocked"),
                new SystemEvent.ClientReachable());
    }
}
