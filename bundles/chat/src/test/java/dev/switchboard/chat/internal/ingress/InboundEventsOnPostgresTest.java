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
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.chat.internal.engine.Engine;
import dev.switchboard.chat.internal.engine.RecordingEventAdmin;
import dev.switchboard.store.testing.PostgresDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What platforms report about stored messages, through {@link Ingress#apply} against PostgreSQL (architecture §4,
 * MSG-1, MSG-2): the client's edits with the original kept, delivery and read receipts that only move forward,
 * watermarks, and failures reported after the platform had accepted a message. Each is idempotent.
 */
class InboundEventsOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static Engine e;
    static final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    static void engine() {
        e = new Engine(DB, "events");
    }

    @BeforeEach
    void quiet() {
        e.outbox.drain();
        e.events.clear();
    }

    @AfterEach
    void defaultAnswer() {
        e.channel.answer = m -> new DeliveryResult.Sent("ext-" + m.id());
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** A client's message, stored. */
    static Ingress.Received clientWrites(String client, String externalId, String text) {
        return e.ingress.accept(e.message(client, externalId, text, Optional.empty()));
    }

    /** A new client's chat, taken by Vitaly so that he may write. */
    static ChatId takenChat(String client) {
        ChatId chat = clientWrites(client, client + "-hello", "hello").chat();
        e.chats.take(chat, e.vitaly.id());
        return chat;
    }

    /** Vitaly's message, accepted by the platform: SENT with the id the test channel gives it. */
    static Message sent(ChatId chat, String text) {
        Message m = e.chats.send(chat, e.vitaly.id(), text, Optional.empty());
        e.outbox.drain();
        assertThat(stored(m.id(), chat).delivery()).contains(DeliveryState.SENT);
        return m;
    }

    static String platformId(Message m) {
        return "ext-" + m.id();
    }

    /** The message as the team sees it in the chat's history. */
    static Message stored(MessageId id, ChatId chat) {
        return e.chats.history(chat, e.owner.id(), Optional.empty(), 200).items().stream()
                .filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    static Optional<DeliveryState> delivery(Message m) {
        return stored(m.id(), m.chat()).delivery();
    }

    static Optional<Ingress.Received> apply(InboundEvent event) {
        return e.ingress.apply(event);
    }

    static InboundEvent.Edited edit(String externalId, String client, String text, Instant at) {
        return new InboundEvent.Edited(e.connection.id(), externalId, client, text, at);
    }

    static InboundEvent.Receipt receipt(Message m, DeliveryState state) {
        return new InboundEvent.Receipt(e.connection.id(), platformId(m), state, e.clock.instant());
    }

    static List<String> topics(ChatId chat) {
        return e.events.of(chat.value()).stream().map(RecordingEventAdmin.Posted::topic).toList();
    }

    static String unique(String prefix) {
        return prefix + "-" + ids.incrementAndGet();
    }

    // ---------------------------------------------------------------------------------------------- edits (MSG-1)

    @Test
    void MSG1_anEditReplacesTheTextAndTheTeamKeepsTheOriginal() {
        String client = unique("anna");
        Ingress.Received m = clientWrites(client, client + "-1", "Two pizzas, please");
        e.events.clear();
        Instant editedAt = e.clock.instant().plusSeconds(40);
        Optional<Ingress.Received> r = apply(edit(client + "-1", client, "Three pizzas, please", editedAt));
        assertThat(r).contains(new Ingress.Received(m.message(), m.chat(), false));
        Message shown = stored(m.message(), m.chat());
        assertThat(shown.text()).isEqualTo("Three pizzas, please");
        assertThat(shown.editedAt()).contains(editedAt);
        assertThat(shown.originalText()).contains("Two pizzas, please");
        assertThat(e.events.of(m.chat().value())).filteredOn(p -> p.topic().equals(ChatEvents.MESSAGE_CHANGED))
                .singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(m.message().value()));
        assertThat(e.events.of(m.chat().value())).extracting(RecordingEventAdmin.Posted::topic)
                .containsOnly(ChatEvents.MESSAGE_CHANGED, ChatEvents.CHAT_CHANGED);
    }

    @Test
    void INB2_theInboxLineShowsAnEditOfTheLatestMessageOnly() {
        String client = unique("vera");
        Ingress.Received first = clientWrites(client, client + "-1", "Is it open on Sunday?");
        apply(edit(client + "-1", client, "Is it open on Saturday?", e.clock.instant().plusSeconds(5)));
        assertThat(e.db.rows("select last_message from chat where id = " + first.chat().value()))
                .containsExactly(List.of("Is it open on Saturday?"));
        clientWrites(client, client + "-2", "And until when?");
        apply(edit(client + "-1", client, "Is it open on Monday?", e.clock.instant().plusSeconds(9)));
        assertThat(e.db.rows("select last_message from chat where id = " + first.chat().value()))
                .containsExactly(List.of("And until when?"));
    }

    @Test
    void MSG1_aSecondEditKeepsTheTextTheClientFirstWrote() {
        String client = unique("boris");
        Ingress.Received m = clientWrites(client, client + "-1", "Deliver at 5");
        apply(edit(client + "-1", client, "Deliver at 6", e.clock.instant().plusSeconds(10)));
        apply(edit(client + "-1", client, "Deliver at 7", e.clock.instant().plusSeconds(20)));
        Message shown = stored(m.message(), m.chat());
        assertThat(shown.text()).isEqualTo("Deliver at 7");
        assertThat(shown.originalText()).contains("Deliver at 5");
        assertThat(shown.editedAt()).contains(e.clock.instant().plusSeconds(20));
    }

    @Test
    void MSG1_anOlderEditArrivingLateIsIgnored() {
        String client = unique("vera");
        Ingress.Received m = clientWrites(client, client + "-1", "Size S");
        apply(edit(client + "-1", client, "Size L", e.clock.instant().plusSeconds(20)));
        e.events.clear();
        Optional<Ingress.Received> late = apply(edit(client + "-1", client, "Size M",
                e.clock.instant().plusSeconds(10)));
        assertThat(late).hasValueSatisfying(r -> assertThat(r.duplicate()).isTrue());
        Message shown = stored(m.message(), m.chat());
        assertThat(shown.text()).isEqualTo("Size L");
        assertThat(shown.originalText()).contains("Size S");
        assertThat(shown.editedAt()).contains(e.clock.instant().plusSeconds(20));
        assertThat(e.events.posted()).isEmpty();
    }

    @Test
    void MSG1_aRedeliveredEditChangesNothing() {
        String client = unique("gleb");
        Ingress.Received m = clientWrites(client, client + "-1", "Call me");
        InboundEvent.Edited edit = edit(client + "-1", client, "Call me after 6", e.clock.instant().plusSeconds(5));
        assertThat(apply(edit)).hasValueSatisfying(r -> assertThat(r.duplicate()).isFalse());
        e.events.clear();
        assertThat(apply(edit)).contains(new Ingress.Received(m.message(), m.chat(), true));
        assertThat(e.events.posted()).isEmpty();
        assertThat(stored(m.message(), m.chat()).originalText()).contains("Call me");
    }

    @Test
    void MSG1_anEditOfAMessageNeverStoredFindsNothing() {
        long before = e.count("select count(*) from message");
        assertThat(apply(edit("never-stored", "dana", "text", e.clock.instant()))).isEmpty();
        assertThat(e.count("select count(*) from message")).isEqualTo(before);
        assertThat(e.events.posted()).isEmpty();
    }

    @Test
    void MSG1_anEditOverTheTextLimitIsRefusedForGoodAndTheMessageKept() {
        String client = unique("egor");
        Ingress.Received m = clientWrites(client, client + "-1", "short");
        assertThatThrownBy(() -> apply(edit(client + "-1", client, "x".repeat(10_001), e.clock.instant())))
                .isInstanceOf(InvalidInput.class);
        assertThat(stored(m.message(), m.chat()).text()).isEqualTo("short");
        assertThat(stored(m.message(), m.chat()).editedAt()).isEmpty();
    }

    @Test
    void MSG1_aMessageNeverEditedShowsNoEdit() {
        String client = unique("fedor");
        Ingress.Received m = clientWrites(client, client + "-1", "as written");
        Message shown = stored(m.message(), m.chat());
        assertThat(shown.editedAt()).isEmpty();
        assertThat(shown.originalText()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- receipts (MSG-2)

    @Test
    void MSG2_aDeliveredReceiptMovesASentMessageToDelivered() {
        ChatId chat = takenChat(unique("ivan"));
        Message m = sent(chat, "Your order is on its way");
        e.events.clear();
        assertThat(apply(receipt(m, DeliveryState.DELIVERED)))
                .contains(new Ingress.Received(m.id(), chat, false));
        assertThat(delivery(m)).contains(DeliveryState.DELIVERED);
        assertThat(e.events.of(chat.value())).singleElement().satisfies(p -> {
            assertThat(p.topic()).isEqualTo(ChatEvents.DELIVERY_CHANGED);
            assertThat(p.message()).isEqualTo(m.id().value());
        });
    }

    @Test
    void MSG2_aReadReceiptAlsoMarksTheChatsEarlierMessagesRead() {
        ChatId chat = takenChat(unique("kira"));
        Message first = sent(chat, "one");
        e.clock.advance(Duration.ofSeconds(1));
        Message second = sent(chat, "two");
        apply(receipt(second, DeliveryState.DELIVERED));
        e.clock.advance(Duration.ofSeconds(1));
        Message third = sent(chat, "three");
        e.clock.advance(Duration.ofSeconds(1));
        Message fourth = sent(chat, "four");
        ChatId elsewhere = takenChat(unique("lev"));
        Message otherChat = sent(elsewhere, "not read");
        e.events.clear();

        apply(receipt(third, DeliveryState.READ));

        assertThat(List.of(first, second, third, fourth)).extracting(InboundEventsOnPostgresTest::delivery)
                .containsExactly(Optional.of(DeliveryState.READ), Optional.of(DeliveryState.READ),
                        Optional.of(DeliveryState.READ), Optional.of(DeliveryState.SENT));
        assertThat(delivery(otherChat)).contains(DeliveryState.SENT);
        assertThat(e.events.of(chat.value())).extracting(RecordingEventAdmin.Posted::message)
                .containsExactlyInAnyOrder(first.id().value(), second.id().value(), third.id().value());
        assertThat(e.events.of(elsewhere.value())).isEmpty();
    }

    @Test
    void MSG2_aReceiptNeverMovesAMessageBack() {
        ChatId chat = takenChat(unique("mila"));
        Message m = sent(chat, "Thanks!");
        apply(receipt(m, DeliveryState.READ));
        e.events.clear();
        assertThat(apply(receipt(m, DeliveryState.DELIVERED)))
                .as("a late DELIVERED after READ").contains(new Ingress.Received(m.id(), chat, true));
        assertThat(delivery(m)).contains(DeliveryState.READ);
        assertThat(e.events.posted()).isEmpty();
    }

    @Test
    void MSG2_aRedeliveredReceiptChangesNothing() {
        ChatId chat = takenChat(unique("nina"));
        Message m = sent(chat, "See you");
        apply(receipt(m, DeliveryState.DELIVERED));
        e.events.clear();
        assertThat(apply(receipt(m, DeliveryState.DELIVERED)))
                .hasValueSatisfying(r -> assertThat(r.duplicate()).isTrue());
        assertThat(delivery(m)).contains(DeliveryState.DELIVERED);
        assertThat(e.events.posted()).isEmpty();
    }

    @Test
    void MSG2_aReceiptForAMessageNotStoredFindsNothing() {
        assertThat(apply(new InboundEvent.Receipt(e.connection.id(), "ext-999999", DeliveryState.READ,
                e.clock.instant()))).isEmpty();
        assertThat(e.events.posted()).isEmpty();
    }

    @Test
    void MSG2_aReadReceiptLeavesFailedAndQueuedMessagesAsTheyAre() {
        ChatId chat = takenChat(unique("oleg"));
        e.channel.answer = m -> new DeliveryResult.Refused(Refusal.TOO_LARGE, "message too long");
        Message failed = e.chats.send(chat, e.vitaly.id(), "a long one", Optional.empty());
        e.outbox.drain();
        e.channel.answer = m -> new DeliveryResult.Sent("ext-" + m.id());
        e.clock.advance(Duration.ofSeconds(1));
        Message read = sent(chat, "short");
        e.registry.remove(e.channel);
        try {
            e.clock.advance(Duration.ofSeconds(1));
            Message queued = e.chats.send(chat, e.vitaly.id(), "waits for the channel", Optional.empty());
            e.clock.advance(Duration.ofSeconds(1));
            apply(receipt(read, DeliveryState.READ));
            assertThat(delivery(failed)).contains(DeliveryState.FAILED);
            assertThat(delivery(read)).contains(DeliveryState.READ);
            assertThat(delivery(queued)).contains(DeliveryState.QUEUED);
        } finally {
            e.registry.add(e.channel);
        }
    }

    // ---------------------------------------------------------------------------------------------- watermarks

    @Test
    void MSG2_aReadWatermarkMarksEverythingSentUpToItRead() {
        String client = unique("pavel");
        ChatId chat = takenChat(client);
        Message first = sent(chat, "one");
        e.clock.advance(Duration.ofMinutes(1));
        Message second = sent(chat, "two");
        Instant watermark = e.clock.instant();
        e.clock.advance(Duration.ofMinutes(1));
        Message third = sent(chat, "three");
        e.events.clear();

        Optional<Ingress.Received> r = apply(new InboundEvent.ReadUpTo(e.connection.id(), client, DeliveryState.READ,
                watermark));

        assertThat(r).hasValueSatisfying(x -> assertThat(x.chat()).isEqualTo(chat));
        assertThat(List.of(first, second, third)).extracting(InboundEventsOnPostgresTest::delivery)
                .containsExactly(Optional.of(DeliveryState.READ), Optional.of(DeliveryState.READ),
                        Optional.of(DeliveryState.SENT));
        assertThat(topics(chat)).containsExactly(ChatEvents.DELIVERY_CHANGED, ChatEvents.DELIVERY_CHANGED);
        e.events.clear();
        assertThat(apply(new InboundEvent.ReadUpTo(e.connection.id(), client, DeliveryState.READ, watermark)))
                .as("redelivered").isEmpty();
        assertThat(e.events.posted()).isEmpty();
    }

    @Test
    void MSG2_aDeliveryWatermarkNeverTakesBackARead() {
        String client = unique("rita");
        ChatId chat = takenChat(client);
        Message read = sent(chat, "one");
        apply(receipt(read, DeliveryState.READ));
        e.clock.advance(Duration.ofSeconds(1));
        Message delivered = sent(chat, "two");
        apply(new InboundEvent.ReadUpTo(e.connection.id(), client, DeliveryState.DELIVERED, e.clock.instant()));
        assertThat(delivery(read)).contains(DeliveryState.READ);
        assertThat(delivery(delivered)).contains(DeliveryState.DELIVERED);
    }

    @Test
    void MSG2_aWatermarkOfAnUnknownClientFindsNothing() {
        assertThat(apply(new InboundEvent.ReadUpTo(e.connection.id(), "nobody", DeliveryState.READ,
                e.clock.instant()))).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- late failures

    @Test
    void MSG2_aFailureReportedLaterShowsTheMessageFailedWithTheReasonAndRetryDeliversIt() {
        ChatId chat = takenChat(unique("sasha"));
        Message m = sent(chat, "Here is your invoice");
        e.events.clear();
        Optional<Ingress.Received> r = apply(new InboundEvent.DeliveryFailed(e.connection.id(), platformId(m),
                Refusal.OTHER, "Message undeliverable (131026)", e.clock.instant()));
        assertThat(r).contains(new Ingress.Received(m.id(), chat, false));
        Message failed = stored(m.id(), chat);
        assertThat(failed.delivery()).contains(DeliveryState.FAILED);
        assertThat(failed.failure()).contains("Message undeliverable (131026)");
        assertThat(topics(chat)).containsExactly(ChatEvents.DELIVERY_CHANGED);
        assertThat(e.systemEvents(chat)).doesNotContain("ClientUnreachable");

        // the platform gives the new attempt an id of its own
        e.channel.answer = x -> new DeliveryResult.Sent("ext-retry-" + x.id());
        Message again = e.chats.retry(m.id(), e.vitaly.id());
        assertThat(again.delivery()).contains(DeliveryState.QUEUED);
        assertThat(again.failure()).isEmpty();
        e.outbox.drain();
        assertThat(delivery(m)).contains(DeliveryState.SENT);
        assertThat(apply(new InboundEvent.Receipt(e.connection.id(), "ext-retry-" + m.id(), DeliveryState.READ,
                e.clock.instant()))).isPresent();
        assertThat(delivery(m)).contains(DeliveryState.READ);
    }

    @Test
    void MSG2_aFailureWithoutAReasonShowsWhatKindOfRefusalItWas() {
        ChatId chat = takenChat(unique("tima"));
        Message m = sent(chat, "hello");
        apply(new InboundEvent.DeliveryFailed(e.connection.id(), platformId(m), Refusal.RECIPIENT_NOT_FOUND, null,
                e.clock.instant()));
        assertThat(stored(m.id(), chat).failure()).contains("RECIPIENT_NOT_FOUND");
    }

    @Test
    void MSG2_aRedeliveredFailureChangesNothing() {
        ChatId chat = takenChat(unique("ulya"));
        Message m = sent(chat, "hello");
        InboundEvent.DeliveryFailed failure = new InboundEvent.DeliveryFailed(e.connection.id(), platformId(m),
                Refusal.OTHER, "undeliverable", e.clock.instant());
        apply(failure);
        e.events.clear();
        assertThat(apply(failure)).contains(new Ingress.Received(m.id(), chat, true));
        assertThat(e.events.posted()).isEmpty();
    }
}
