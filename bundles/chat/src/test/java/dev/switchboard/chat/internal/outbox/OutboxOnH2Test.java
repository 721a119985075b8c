package dev.switchboard.chat.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.OutboundMessage;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.chat.internal.engine.Engine;
import dev.switchboard.store.testing.H2FileDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The outbox's claims and lanes on the embedded default, H2 in PostgreSQL mode (MSG-2, architecture §6): the same
 * SQL as on PostgreSQL (SKIP LOCKED, ON CONFLICT DO NOTHING, the chat's order, the lane's pause).
 */
class OutboxOnH2Test {

    @RegisterExtension
    static final H2FileDatabase DB = new H2FileDatabase();

    static Engine e;

    @BeforeAll
    static void engine() {
        e = new Engine(DB, "outbox-h2");
    }

    @BeforeEach
    void aDayLater() {
        // what the other test left waiting is due and sent, so that each test counts its own sends
        e.clock.advance(Duration.ofDays(1));
        e.channel.answer = m -> new DeliveryResult.Sent("ext-" + m.id());
        e.outbox.drain();
        e.channel.sent.clear();
    }

    Message send(ChatId chat, String text) {
        return e.chats.send(chat, e.vitaly.id(), text, Optional.empty());
    }

    DeliveryState delivery(Message m) {
        return e.chats.history(m.chat(), e.owner.id(), Optional.empty(), 50).items().stream()
                .filter(x -> x.id().equals(m.id())).findFirst().orElseThrow().delivery().orElseThrow();
    }

    @Test
    void MSG2_aChatsMessagesWaitForAnEarlierOneAndARetryAfterHoldsTheConnection() {
        AtomicBoolean tooMany = new AtomicBoolean(true);
        e.channel.answer = m -> tooMany.getAndSet(false)
                ? new DeliveryResult.Retry("429", Optional.of(Duration.ofSeconds(30)))
                : new DeliveryResult.Sent("ext-" + m.id());
        ChatId chat = e.newChat();
        e.chats.take(chat, e.vitaly.id());
        ChatId other = e.newChat();
        e.chats.take(other, e.vitaly.id());
        Message first = send(chat, "first");
        Message second = send(chat, "second");
        assertThat(e.outbox.drain()).isEqualTo(1);
        Message elsewhere = send(other, "elsewhere");
        e.clock.advance(Duration.ofSeconds(29));
        assertThat(e.outbox.drain()).as("the connection waits out the retry-after").isZero();
        e.clock.advance(Duration.ofSeconds(1));
        assertThat(e.outbox.drain()).isEqualTo(3);
        assertThat(List.of(first, second, elsewhere)).extracting(this::delivery).containsOnly(DeliveryState.SENT);
        assertThat(e.channel.sent).extracting(OutboundMessage::text).filteredOn(t -> !t.equals("elsewhere"))
                .containsExactly("first", "first", "second");
    }

    @Test
    void MSG2_aFailingConnectionPausesWithoutAttempts() {
        AtomicBoolean refused = new AtomicBoolean(true);
        e.channel.answer = m -> refused.get() ? new DeliveryResult.ConnectionFailing("401")
                : new DeliveryResult.Sent("ext-" + m.id());
        ChatId chat = e.newChat();
        e.chats.take(chat, e.vitaly.id());
        Message m = send(chat, "while failing");
        assertThat(e.outbox.drain()).isEqualTo(1);
        e.clock.advance(Duration.ofSeconds(59));
        assertThat(e.outbox.drain()).isZero();
        refused.set(false);
        e.clock.advance(Duration.ofSeconds(1));
        assertThat(e.outbox.drain()).isEqualTo(1);
        assertThat(delivery(m)).isEqualTo(DeliveryState.SENT);
        assertThat(e.count("select count(*) from outbox_lane")).isZero();
    }
}
