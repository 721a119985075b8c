package dev.switchboard.channel.widget.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.chat.Attachment;
import dev.switchboard.api.chat.ChatEvents;
import dev.switchboard.api.chat.ClientMessage;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.channel.widget.internal.DirectExecutor;
import dev.switchboard.channel.widget.internal.FakeCore;
import dev.switchboard.channel.widget.internal.RecordingSink;
import dev.switchboard.channel.widget.internal.transcript.MessageView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class LiveStreamsTest {

    private static final ConnectionId CONNECTION = new ConnectionId(7);
    private static final String VISITOR = "v:AAAAAAAAAAAAAAAAAAAAAA";
    private static final VisitorKey KEY = new VisitorKey(CONNECTION, VISITOR);
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private final FakeCore core = new FakeCore();
    private ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final MutableClock clock = new MutableClock(T0.plusSeconds(60));
    private LiveStreams streams = new LiveStreams(timer, new DirectExecutor(), clock, Duration.ofHours(1),
            Duration.ofHours(1));

    @AfterEach
    void stop() {
        streams.stop();
        timer.shutdownNow();
    }

    private void restart(Duration ping, Duration poll) {
        streams.stop();
        timer = Executors.newSingleThreadScheduledExecutor();
        streams = new LiveStreams(timer, new DirectExecutor(), clock, ping, poll);
    }

    private Transcript transcript() {
        return new Transcript() {
            @Override
            public Optional<ChatId> chat() {
                return core.chat(CONNECTION, VISITOR);
            }

            @Override
            public List<ClientMessage> latest() {
                return core.history(CONNECTION, VISITOR, Optional.empty(), 30).items();
            }

            @Override
            public String json(ClientMessage message) {
                return MessageView.json(message, file -> Optional.of(core.link(file, Duration.ofDays(1))))
                        .toString();
            }
        };
    }

    private static List<String> events(String stream) {
        Matcher m = Pattern.compile("event: message\ndata: (\\{[^\n]*\\})\n\n").matcher(stream);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void WIDGET_aStreamOpensWithTheLatestPageOldestFirst() {
        core.teamWrites(CONNECTION, VISITOR, "first", T0);
        core.teamWrites(CONNECTION, VISITOR, "second", T0.plusSeconds(1));
        RecordingSink sink = new RecordingSink();

        assertThat(streams.openStream(KEY, transcript(), sink)).isPresent();

        assertThat(sink.text()).startsWith("retry: 3000\n");
        assertThat(events(sink.text())).hasSize(2);
        assertThat(events(sink.text()).get(0)).contains("\"text\":\"first\"");
        assertThat(events(sink.text()).get(1)).contains("\"text\":\"second\"").contains("\"from\":\"team\"");
    }

    @Test
    void MSG2_aWakePushesOnlyWhatIsNewOrChangedSinceTheLastPush() {
        ClientMessage first = core.teamWrites(CONNECTION, VISITOR, "first", T0);
        RecordingSink sink = new RecordingSink();
        streams.openStream(KEY, transcript(), sink);
        sink.clear();

        streams.wakeVisitor(KEY);
        assertThat(sink.text()).as("nothing changed").isEmpty();

        core.teamWrites(CONNECTION, VISITOR, "second", T0.plusSeconds(5));
        streams.wakeVisitor(KEY);
        assertThat(events(sink.text())).singleElement().asString().contains("\"text\":\"second\"");

        sink.clear();
        core.change(new ClientMessage(first.id(), first.chat(), false, "first", first.at(), first.authorName(),
                List.of(), Optional.empty(), Optional.of(DeliveryState.READ)));
        streams.wakeVisitor(KEY);
        assertThat(events(sink.text())).singleElement().asString().contains("\"text\":\"first\"")
                .contains("\"read\":true");
    }

    @Test
    void MSG1_aFileThatArrivedIsPushedWithItsLinkButANewLinkAloneIsNoChange() {
        ClientMessage m = core.teamWrites(CONNECTION, VISITOR, "", T0);
        Attachment ready = new Attachment(Optional.of(new FileId(77)), "photo.png", "image/png", 120, MediaKind.IMAGE,
                Attachment.State.READY, Optional.empty());
        core.change(new ClientMessage(m.id(), m.chat(), false, "", T0, m.authorName(), List.of(ready),
                Optional.empty(), m.delivery()));
        RecordingSink sink = new RecordingSink();
        streams.openStream(KEY, transcript(), sink);
        assertThat(events(sink.text())).singleElement().asString().contains("http://localhost:8181/media/77-");
        sink.clear();

        // every read makes a new signed link; the message is the same
        streams.wakeVisitor(KEY);
        streams.wakeVisitor(KEY);

        assertThat(sink.text()).isEmpty();
    }

    @Test
    void WIDGET_theChatEnginesEventsWakeTheStreamsOfTheirChat() {
        ClientMessage first = core.teamWrites(CONNECTION, VISITOR, "first", T0);
        RecordingSink sink = new RecordingSink();
        streams.openStream(KEY, transcript(), sink);
        sink.clear();
        ChatEventWaker waker = new ChatEventWaker(streams);
        core.teamWrites(CONNECTION, VISITOR, "second", T0.plusSeconds(1));

        waker.handleEvent(new Event(ChatEvents.CHAT_CHANGED, Map.of(ChatEvents.CHAT, first.chat().value())));
        assertThat(sink.text()).as("a take changes nothing the visitor sees").isEmpty();
        waker.handleEvent(new Event(ChatEvents.MESSAGE_ADDED, Map.of(ChatEvents.CHAT, first.chat().value() + 1000)));
        assertThat(sink.text()).as("another chat").isEmpty();
        waker.handleEvent(new Event(ChatEvents.DELIVERY_CHANGED, Map.of(ChatEvents.CHAT, first.chat().value())));

        assertThat(events(sink.text())).singleElement().asString().contains("second");
    }

    @Test
    void WIDGET_aVisitorWhoWritesAfterOpeningTheStreamIsWokenByTheirChatsEvents() {
        RecordingSink sink = new RecordingSink();
        streams.openStream(KEY, transcript(), sink);
        ClientMessage reply = core.teamWrites(CONNECTION, VISITOR, "hello", T0);

        streams.wakeChat(reply.chat());
        assertThat(events(sink.text())).as("the chat is not known yet").isEmpty();
        streams.chatKnown(KEY, reply.chat());
        streams.wakeChat(reply.chat());

        assertThat(events(sink.text())).singleElement().asString().contains("hello");
    }

    @Test
    void WIDGET_theTimerPingsStreamsAndLearnsAChatMadeOnAnotherNode() throws Exception {
        restart(Duration.ofMillis(50), Duration.ofHours(1));
        RecordingSink sink = new RecordingSink();
        streams.openStream(KEY, transcript(), sink);
        ClientMessage reply = core.teamWrites(CONNECTION, VISITOR, "from another node", T0);

        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!sink.text().contains("from another node") && System.nanoTime() < until) {
            Thread.sleep(20);
        }

        assertThat(sink.text()).contains(": ping\n\n").contains("from another node");
        sink.clear();
        core.teamWrites(CONNECTION, VISITOR, "next", T0.plusSeconds(1));
        streams.wakeChat(reply.chat());
        assertThat(sink.text()).contains("next");
    }

    @Test
    void WIDGET_aStreamWhoseVisitorLeftIsForgotten() {
        RecordingSink sink = new RecordingSink();
        Runnable close = streams.openStream(KEY, transcript(), sink).orElseThrow();
        RecordingSink other = new RecordingSink();
        streams.openStream(KEY, transcript(), other);
        assertThat(streams.open()).isEqualTo(2);

        close.run();
        assertThat(streams.open()).isEqualTo(1);
        assertThat(sink.closes).hasValue(1);

        other.gone = true;
        core.teamWrites(CONNECTION, VISITOR, "anyone there?", T0);
        streams.wakeVisitor(KEY);
        assertThat(streams.open()).isZero();
        assertThat(other.closes).hasValue(1);
    }

    @Test
    void WIDGET_aVisitorKeepsAtMostFiveStreamsTheOldestGo() {
        List<RecordingSink> sinks = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RecordingSink sink = new RecordingSink();
            sinks.add(sink);
            streams.openStream(KEY, transcript(), sink);
        }

        assertThat(streams.open(KEY)).isEqualTo(5);
        assertThat(sinks.get(0).closes).hasValue(1);
        assertThat(sinks.subList(1, 6)).allMatch(s -> s.closes.get() == 0);
    }

    @Test
    void WIDGET_stoppingClosesEveryStreamAndPoll() {
        RecordingSink stream = new RecordingSink();
        RecordingSink poll = new RecordingSink();
        streams.openStream(KEY, transcript(), stream);
        streams.poll(new VisitorKey(CONNECTION, "v:BBBBBBBBBBBBBBBBBBBBBB"), transcript(), clock.millis(), poll);

        streams.stop();

        assertThat(stream.closes).hasValue(1);
        assertThat(poll.closes).hasValue(1);
        assertThat(poll.text()).startsWith("{\"messages\":[]");
        assertThat(streams.open()).isZero();
        assertThat(streams.openStream(KEY, transcript(), new RecordingSink())).isEmpty();
    }

    @Test
    void WIDGET_aPollAnswersAtOnceWithWhatIsNewerThanItsTime() {
        core.teamWrites(CONNECTION, VISITOR, "old", T0);
        core.teamWrites(CONNECTION, VISITOR, "new", T0.plusSeconds(30));
        RecordingSink sink = new RecordingSink();

        streams.poll(KEY, transcript(), T0.plusSeconds(10).toEpochMilli(), sink);

        assertThat(sink.closes).hasValue(1);
        assertThat(sink.text()).contains("\"text\":\"new\"").doesNotContain("\"text\":\"old\"")
                .contains("\"now\":" + clock.millis());
        assertThat(streams.open()).isZero();
    }

    @Test
    void WIDGET_aWaitingPollAnswersWhenTheTeamsMessageIsSentEvenIfItWasWrittenBefore() {
        ClientMessage first = core.teamWrites(CONNECTION, VISITOR, "hello", T0);
        RecordingSink sink = new RecordingSink();
        streams.poll(KEY, transcript(), clock.millis(), sink);
        assertThat(sink.text()).isEmpty();
        assertThat(streams.open()).isOne();

        // written before the poll's time, visible (sent) only now
        core.teamWrites(CONNECTION, VISITOR, "queued earlier", T0.plusSeconds(1));
        clock.advance(Duration.ofSeconds(2));
        streams.wakeChat(first.chat());

        assertThat(sink.text()).contains("queued earlier").doesNotContain("\"text\":\"hello\"");
        assertThat(sink.closes).hasValue(1);
    }

    @Test
    void WIDGET_aChangeBetweenTwoPollsIsAnsweredByTheNextOne() {
        ClientMessage m = core.teamWrites(CONNECTION, VISITOR, "hello", T0);
        RecordingSink first = new RecordingSink();
        streams.poll(KEY, transcript(), 0, first);
        String now = first.text().replaceAll("(?s).*\"now\":(\\d+).*", "$1");

        clock.advance(Duration.ofSeconds(1));
        core.change(new ClientMessage(m.id(), m.chat(), false, "hello", m.at(), m.authorName(), List.of(),
                Optional.empty(), Optional.of(DeliveryState.READ)));
        RecordingSink second = new RecordingSink();
        streams.poll(KEY, transcript(), Long.parseLong(now), second);

        assertThat(second.text()).contains("\"read\":true");
    }

    @Test
    void WIDGET_aPollWithNothingNewAnswersEmptyWhenItsTimeIsUp() throws Exception {
        restart(Duration.ofHours(1), Duration.ofMillis(100));
        core.teamWrites(CONNECTION, VISITOR, "old", T0);
        RecordingSink sink = new RecordingSink();
        streams.poll(KEY, transcript(), clock.millis(), sink);

        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sink.closes.get() == 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }

        assertThat(sink.text()).startsWith("{\"messages\":[],\"now\":");
        assertThat(streams.open()).isZero();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
