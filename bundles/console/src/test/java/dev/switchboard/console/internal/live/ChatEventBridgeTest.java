package dev.switchboard.console.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.chat.ChatEvents;
import dev.switchboard.api.domain.ChatId;
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
    void eventsWithoutProjectOrChatAreIgnored() {
        assertThat(ChatEventBridge.parse(event(ChatEvents.CHAT_CHANGED, Map.of(ChatEvents.CHAT, 5L)))).isEmpty();
        assertThat(ChatEventBridge.parse(event(ChatEvents.CHAT_CHANGED,
                Map.of(ChatEvents.PROJECT, "1", ChatEvents.CHAT, "x")))).isEmpty();
        assertThat(ChatEventBridge.parse(event(ChatEvents.CHAT_CHANGED,
                Map.of(ChatEvents.PROJECT, "1", ChatEvents.CHAT, 5)))).isPresent();
    }

    private static Event event(String topic, Map<String, ?> properties) {
        return new Event(topic, properties);
    }
}
