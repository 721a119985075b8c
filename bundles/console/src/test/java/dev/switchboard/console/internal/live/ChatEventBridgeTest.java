package dev.switchboard.console.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.card.CardEvents;
import dev.switchboard.api.chat.ChatEvents;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.api.domain.ProjectId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class ChatEventBridgeTest {

    private static final ProjectId ONE = new ProjectId(1);
    private static final ProjectId TWO = new ProjectId(2);

    private final ChatEventBridge bridge = new ChatEventBridge();

    @Test
    void eventsReachThePagesOfTheirProjectOnly() {
        List<ChatChange> first = new CopyOnWriteArrayList<>();
        List<ChatChange> second = new CopyOnWriteArrayList<>();
        bridge.subscribe(ONE, first::add);
        bridge.subscribe(TWO, second::add);

        bridge.handleEvent(event(ChatEvents.MESSAGE_ADDED, Map.of(ChatEvents.PROJECT, 1L, ChatEvents.CHAT, 5L,
                ChatEvents.MESSAGE, 9L)));

        assertThat(first).containsExactly(new ChatChange(ChatEvents.MESSAGE_ADDED, ONE, new ChatId(5),
                Optional.of(new MessageId(9))));
        assertThat(second).isEmpty();
    }

    @Test
    void aPageThatLeftHearsNothingMoreAndLeavesNoTrace() {
        List<ChatChange> seen = new CopyOnWriteArrayList<>();
        Runnable leave = bridge.subscribe(ONE, seen::add);
        leave.run();

        bridge.handleEvent(event(ChatEvents.CHAT_CHANGED, Map.of(ChatEvents.PROJECT, 1L, ChatEvents.CHAT, 5L)));

        assertThat(seen).isEmpty();
        assertThat(bridge.listenerCount(ONE)).isZero();
    }

    @Test
    void oneFailingPageDoesNotKeepTheEventFromTheOthers() {
        List<ChatChange> seen = new CopyOnWriteArrayList<>();
        bridge.subscribe(ONE, change -> {
            throw new IllegalStateException("page gone");
        });
        bridge.subscribe(ONE, seen::add);

        bridge.handleEvent(event(ChatEvents.CHAT_CHANGED, Map.of(ChatEvents.PROJECT, 1L, ChatEvents.CHAT, 5L)));

        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).chatChanged()).isTrue();
    }

    @Test
    void MSG1_anEditedMessageOrAnArrivedFileReachesTheOpenPagesWithTheMessage() {
        List<ChatChange> seen = new CopyOnWriteArrayList<>();
        bridge.subscribe(ONE, seen::add);

        bridge.handleEvent(event(ChatEvents.MESSAGE_CHANGED, Map.of(ChatEvents.PROJECT, 1L, ChatEvents.CHAT, 5L,
                ChatEvents.MESSAGE, 9L)));
        bridge.handleEvent(event(ChatEvents.DELIVERY_CHANGED, Map.of(ChatEvents.PROJECT, 1L, ChatEvents.CHAT, 5L,
                ChatEvents.MESSAGE, 10L)));
        bridge.handleEvent(event(ChatEvents.MESSAGE_ADDED, Map.of(ChatEvents.PROJECT, 1L, ChatEvents.CHAT, 5L,
                ChatEvents.MESSAGE, 11L)));

        assertThat(seen).extracting(ChatChange::message).containsExactly(Optional.of(new MessageId(9)),
                Optional.of(new MessageId(10)), Optional.of(new MessageId(11)));
        assertThat(seen).extracting(ChatChange::messageChanged).containsExactly(true, true, false);
    }

    @Test
    void eventsWithoutProjectOrChatAreIgnored() {
        assertThat(ChatEventBridge.parse(event(ChatEvents.CHAT_CHANGED, Map.of(ChatEvents.CHAT, 5L)))).isEmpty();
        assertThat(ChatEventBridge.parse(event(ChatEvents.CHAT_CHANGED,
                Map.of(ChatEvents.PROJECT, "1", ChatEvents.CHAT, "x")))).isEmpty();
        assertThat(ChatEventBridge.parse(event(ChatEvents.CHAT_CHANGED,
                Map.of(ChatEvents.PROJECT, "1", ChatEvents.CHAT, 5)))).isPresent();
    }

    @Test
    void CARD_cardEventsReachTheCardPagesOfTheirProjectAndNotTheChatPages() {
        List<CardChange> cards = new CopyOnWriteArrayList<>();
        List<CardChange> otherProject = new CopyOnWriteArrayList<>();
        List<ChatChange> chats = new CopyOnWriteArrayList<>();
        bridge.subscribeCards(ONE, cards::add);
        bridge.subscribeCards(TWO, otherProject::add);
        bridge.subscribe(ONE, chats::add);

        bridge.handleEvent(event(CardEvents.CHANGED, Map.of(CardEvents.PROJECT, 1L, CardEvents.CONTACT, 5L)));

        assertThat(cards).containsExactly(new CardChange(CardEvents.CHANGED, ONE, Optional.of(new ContactId(5)),
                Optional.empty()));
        assertThat(cards.get(0).concerns(new ContactId(5))).isTrue();
        assertThat(cards.get(0).concerns(new ContactId(6))).isFalse();
        assertThat(otherProject).isEmpty();
        assertThat(chats).isEmpty();
    }

    @Test
    void CARD_aMergeConcernsBothCardsAndACatalogueChangeEveryCard() {
        CardChange merged = ChatEventBridge.parseCard(event(CardEvents.MERGED, Map.of(CardEvents.PROJECT, 1L,
                CardEvents.CONTACT, 5L, CardEvents.MERGED_CONTACT, 7L))).orElseThrow();
        assertThat(merged.isMerge()).isTrue();
        assertThat(merged.concerns(new ContactId(5))).isTrue();
        assertThat(merged.concerns(new ContactId(7))).isTrue();
        assertThat(merged.concerns(new ContactId(8))).isFalse();

        CardChange catalogue = ChatEventBridge.parseCard(event(CardEvents.CATALOGUE_CHANGED,
                Map.of(CardEvents.PROJECT, 1L))).orElseThrow();
        assertThat(catalogue.catalogueChanged()).isTrue();
        assertThat(catalogue.concerns(new ContactId(8))).isTrue();
        assertThat(ChatEventBridge.parseCard(event(CardEvents.CHANGED, Map.of(CardEvents.CONTACT, 5L)))).isEmpty();
    }

    @Test
    void aCardPageThatLeftLeavesNoTrace() {
        List<CardChange> seen = new CopyOnWriteArrayList<>();
        Runnable leave = bridge.subscribeCards(ONE, seen::add);
        leave.run();

        bridge.handleEvent(event(CardEvents.CHANGED, Map.of(CardEvents.PROJECT, 1L, CardEvents.CONTACT, 5L)));

        assertThat(seen).isEmpty();
        assertThat(bridge.listenerCount(ONE)).isZero();
    }

    private static Event event(String topic, Map<String, ?> properties) {
        return new Event(topic, properties);
    }
}
