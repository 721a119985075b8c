package dev.switchboard.chat.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.chat.ChatAction;
import dev.switchboard.api.chat.ChatEvents;
import dev.switchboard.api.chat.ChatState;
import dev.switchboard.api.chat.ChatView;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.chat.MessageKind;
import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.error.AlreadyTaken;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.error.DomainException;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotAllowed;
import dev.switchboard.api.team.AccessRights;
import dev.switchboard.api.team.Group;
import dev.switchboard.api.team.Member;
import dev.switchboard.store.testing.PostgresDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The chat engine's actions against PostgreSQL (DIST, TEAM, WIN, MSG-3, MSG-4), races decided by the database. */
class ChatEngineOnPostgresTest {

    private static final Logger LOG = LoggerFactory.getLogger(ChatEngineOnPostgresTest.class);

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static Engine e;

    @BeforeAll
    static void engine() {
        e = new Engine(DB, "engine");
    }

    static ChatId activeChatOf(Member responsible) {
        ChatId chat = e.newChat();
        e.chats.take(chat, responsible.id());
        return chat;
    }

    @Test
    void DIST1_takeMakesTheTakerResponsibleWithASystemMessageAndEventsAfterCommit() {
        ChatId chat = e.newChat();
        e.events.clear();
        ChatView v = e.chats.take(chat, e.vitaly.id());
        assertThat(v.state()).isEqualTo(ChatState.ACTIVE);
        assertThat(v.responsible()).contains(e.vitaly.id());
        assertThat(e.systemEvents(chat)).containsExactly("Took");
        Message took = e.chats.history(chat, e.vitaly.id(), Optional.empty(), 10).items().get(0);
        assertThat(took.kind()).isEqualTo(MessageKind.SYSTEM);
        assertThat(took.event()).contains(new SystemEvent.Took(e.vitaly.id()));
        assertThat(e.events.of(chat.value())).extracting(RecordingEventAdmin.Posted::topic)
                .containsExactly(ChatEvents.CHAT_CHANGED, ChatEvents.MESSAGE_ADDED);
        // what another connection saw when the event was posted: the committed take
        assertThat(e.events.of(chat.value())).allSatisfy(p ->
                assertThat(p.seenByOthers()).contains("ACTIVE, " + e.vitaly.id().value()));
        assertThat(e.events.of(chat.value()).get(1).message()).isEqualTo(took.id().value());
    }

    @Test
    void DIST1_aRefusedActionWritesNothingAndPostsNothing() {
        ChatId chat = activeChatOf(e.vitaly);
        e.events.clear();
        long messages = e.count("select count(*) from message where chat_id = " + chat.value());
        assertThatThrownBy(() -> e.chats.done(chat, e.dima.id())).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> e.chats.send(chat, e.dima.id(), "hi", Optional.empty()))
                .isInstanceOf(NotAllowed.class);
        assertThat(e.count("select count(*) from message where chat_id = " + chat.value())).isEqualTo(messages);
        assertThat(e.events.of(chat.value())).isEmpty();
    }

    @Test
    void DIST1_fiftyConcurrentTakersGiveExactlyOneWinnerAndLosersAreToldWho() throws Exception {
        List<Member> takers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            takers.add(e.team.add(e.project.id(), "taker" + i + "@engine.example", "Taker " + i,
                    dev.switchboard.api.domain.Role.MANAGER));
        }
        ChatId chat = e.newChat();
        List<Object> outcomes = race(takers.stream().<Callable<Object>>map(m -> () -> e.chats.take(chat, m.id()))
                .toList());
        List<ChatView> winners = outcomes.stream().filter(ChatView.class::isInstance).map(ChatView.class::cast)
                .toList();
        assertThat(winners).hasSize(1);
        MemberId winner = winners.get(0).responsible().orElseThrow();
        String winnerName = takers.stream().filter(m -> m.id().equals(winner)).findFirst().orElseThrow()
                .displayName();
        assertThat(outcomes).filteredOn(o -> !(o instanceof ChatView)).hasSize(49)
                .allSatisfy(o -> assertThat(o).isInstanceOfSatisfying(AlreadyTaken.class, t -> {
                    assertThat(t.takenBy()).isEqualTo(winner);
                    assertThat(t.arguments()).containsExactly(winnerName);
                }));
        assertThat(e.systemEvents(chat)).containsExactly("Took");
    }

    @Test
    void DIST2_aSeniorAssignsANewChatAndAManagerWithoutNewMayNeither() {
        Member junior = e.team.setRights(e.team.add(e.project.id(), "junior@engine.example", "Junior",
                dev.switchboard.api.domain.Role.MANAGER).id(), new AccessRights(false, true));
        ChatId chat = e.newChat();
        assertThatThrownBy(() -> e.chats.take(chat, junior.id())).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> e.chats.assign(chat, junior.id(), e.dima.id())).isInstanceOf(NotAllowed.class);
        ChatView v = e.chats.assign(chat, e.admin.id(), junior.id());
        assertThat(v.responsible()).contains(junior.id());
        assertThat(e.chats.history(chat, junior.id(), Optional.empty(), 1).items().get(0).event())
                .contains(new SystemEvent.Assigned(e.admin.id(), junior.id()));
        assertThatThrownBy(() -> e.chats.assign(chat, e.admin.id(), e.dima.id())).isInstanceOf(AlreadyTaken.class);
    }

    @Test
    void TEAM4_receiverMustAcceptHandover() {
        ChatId chat = activeChatOf(e.vitaly);
        ChatView offered = e.chats.handOver(chat, e.vitaly.id(), e.dima.id());
        assertThat(offered.responsible()).contains(e.vitaly.id());
        assertThat(offered.pendingHandover()).contains(e.dima.id());
        assertThat(e.chats.allowedActions(chat, e.dima.id()))
                .contains(ChatAction.ACCEPT_HANDOVER, ChatAction.DECLINE_HANDOVER).doesNotContain(ChatAction.SEND);
        assertThatThrownBy(() -> e.chats.handOver(chat, e.vitaly.id(), e.konstantin.id()))
                .isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> e.chats.acceptHandover(chat, e.konstantin.id())).isInstanceOf(NotAllowed.class);
        ChatView accepted = e.chats.acceptHandover(chat, e.dima.id());
        assertThat(accepted.responsible()).contains(e.dima.id());
        assertThat(accepted.pendingHandover()).isEmpty();
        assertThat(e.systemEvents(chat)).containsExactly("Took", "HandedOver", "HandoverAccepted");
    }

    @Test
    void TEAM4_aDeclinedHandoverLeavesTheResponsible() {
        ChatId chat = activeChatOf(e.vitaly);
        e.chats.handOver(chat, e.vitaly.id(), e.dima.id());
        ChatView declined = e.chats.declineHandover(chat, e.dima.id());
        assertThat(declined.responsible()).contains(e.vitaly.id());
        assertThat(declined.pendingHandover()).isEmpty();
        assertThat(e.systemEvents(chat)).containsExactly("Took", "HandedOver", "HandoverDeclined");
    }

    @Test
    void TEAM4_acceptingAHandoverTwiceAtOnceHasOneWinner() throws Exception {
        ChatId chat = activeChatOf(e.vitaly);
        e.chats.handOver(chat, e.vitaly.id(), e.dima.id());
        List<Object> outcomes = race(List.of(() -> e.chats.acceptHandover(chat, e.dima.id()),
                () -> e.chats.acceptHandover(chat, e.dima.id()), () -> e.chats.acceptHandover(chat, e.dima.id())));
        assertThat(outcomes).filteredOn(ChatView.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof ChatView))
                .allSatisfy(o -> assertThat(o).isInstanceOfAny(Conflict.class, NotAllowed.class));
        assertThat(e.systemEvents(chat)).containsExactly("Took", "HandedOver", "HandoverAccepted");
    }

    @Test
    void WIN5_doneRacingATakeOverHasOneWinner() throws Exception {
        for (int round = 0; round < 5; round++) {
            ChatId chat = activeChatOf(e.vitaly);
            List<Object> outcomes = race(List.of(() -> e.chats.done(chat, e.vitaly.id()),
                    () -> e.chats.takeOver(chat, e.owner.id())));
            assertThat(outcomes).filteredOn(ChatView.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(o -> !(o instanceof ChatView))
                    .singleElement().isInstanceOfAny(Conflict.class, NotAllowed.class);
            assertThat(e.systemEvents(chat)).hasSize(2).first().isEqualTo("Took");
        }
    }

    @Test
    void WIN5_TEAM1_anOwnerTakesAnActiveChatOverAndAManagerMayNot() {
        ChatId chat = activeChatOf(e.vitaly);
        assertThatThrownBy(() -> e.chats.takeOver(chat, e.dima.id())).isInstanceOf(NotAllowed.class);
        ChatView v = e.chats.takeOver(chat, e.owner.id());
        assertThat(v.responsible()).contains(e.owner.id());
        assertThat(e.chats.history(chat, e.owner.id(), Optional.empty(), 1).items().get(0).event())
                .contains(new SystemEvent.TookOver(e.owner.id(), e.vitaly.id()));
    }

    @Test
    void TEAM5_participantsWriteToTheClientAndLeaveButCannotClose() {
        ChatId chat = activeChatOf(e.vitaly);
        assertThatThrownBy(() -> e.chats.addParticipant(chat, e.dima.id(), e.konstantin.id()))
                .isInstanceOf(NotAllowed.class);
        ChatView v = e.chats.addParticipant(chat, e.vitaly.id(), e.konstantin.id());
        assertThat(v.participants()).containsExactly(e.konstantin.id());
        assertThatThrownBy(() -> e.chats.addParticipant(chat, e.vitaly.id(), e.konstantin.id()))
                .isInstanceOf(InvalidInput.class);
        Message sent = e.chats.send(chat, e.konstantin.id(), "Konstantin here", Optional.empty());
        assertThat(sent.delivery()).contains(DeliveryState.QUEUED);
        assertThatThrownBy(() -> e.chats.done(chat, e.konstantin.id())).isInstanceOf(NotAllowed.class);
        assertThat(e.chats.leave(chat, e.konstantin.id()).participants()).isEmpty();
        assertThatThrownBy(() -> e.chats.send(chat, e.konstantin.id(), "again", Optional.empty()))
                .isInstanceOf(NotAllowed.class);
        e.chats.addParticipant(chat, e.vitaly.id(), e.dima.id());
        assertThat(e.chats.removeParticipant(chat, e.vitaly.id(), e.dima.id()).participants()).isEmpty();
        assertThat(e.systemEvents(chat)).containsExactly("Took", "ParticipantAdded", "Left", "ParticipantAdded",
                "ParticipantRemoved");
    }

    @Test
    void TEAM6_INB5_everyoneElseReadsAndWritesNotesOnly() {
        ChatId chat = activeChatOf(e.vitaly);
        assertThat(e.chats.allowedActions(chat, e.dima.id()))
                .containsExactlyInAnyOrder(ChatAction.READ, ChatAction.NOTE);
        Message note = e.chats.note(chat, e.dima.id(), "client is a VIP");
        assertThat(note.kind()).isEqualTo(MessageKind.NOTE);
        assertThat(note.delivery()).isEmpty();
        assertThat(e.count("select count(*) from outbox where message_id = " + note.id().value())).isZero();
    }

    @Test
    void TEAM7_aManagerWithoutOthersMayNotReadOthersChats() {
        Member closed = e.team.setRights(e.team.add(e.project.id(), "closed@engine.example", "Closed",
                dev.switchboard.api.domain.Role.MANAGER).id(), new AccessRights(true, false));
        ChatId chat = activeChatOf(e.vitaly);
        assertThatThrownBy(() -> e.chats.get(chat, closed.id())).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> e.chats.note(chat, closed.id(), "x")).isInstanceOf(NotAllowed.class);
        assertThat(e.chats.get(e.newChat(), closed.id()).state()).isEqualTo(ChatState.NEW);
    }

    @Test
    void WIN3_TEAM3_onlyTheResponsibleClosesAndDoneClosesTheRequest() {
        ChatId chat = activeChatOf(e.vitaly);
        assertThatThrownBy(() -> e.chats.done(chat, e.owner.id())).isInstanceOf(NotAllowed.class);
        ChatView done = e.chats.done(chat, e.vitaly.id());
        assertThat(done.state()).isEqualTo(ChatState.DONE);
        assertThat(done.previousResponsible()).contains(e.vitaly.id());
        assertThat(e.db.rows("select closed_by from request where chat_id = " + chat.value()))
                .containsExactly(List.of(e.vitaly.id().value()));
        assertThat(e.systemEvents(chat)).containsExactly("Took", "Closed");
    }

    @Test
    void TEAM4_DIST3_forwardingPutsTheChatInTheGroupsNewOnlyForItsMembers() {
        Group tech = e.groups.create(e.project.id(), e.owner.id(), "Tech support");
        e.groups.setMembers(tech.id(), e.owner.id(), Set.of(e.dima.id()));
        ChatId chat = activeChatOf(e.vitaly);
        e.chats.addParticipant(chat, e.vitaly.id(), e.konstantin.id());
        ChatView v = e.chats.forward(chat, e.vitaly.id(), tech.id());
        assertThat(v.state()).isEqualTo(ChatState.NEW);
        assertThat(v.group()).contains(tech.id());
        assertThat(v.responsible()).isEmpty();
        assertThat(v.previousResponsible()).contains(e.vitaly.id());
        assertThat(v.participants()).isEmpty();
        assertThat(e.chats.history(chat, e.dima.id(), Optional.empty(), 1).items().get(0).event())
                .contains(new SystemEvent.Forwarded(Optional.of(e.vitaly.id()), tech.id()));
        assertThatThrownBy(() -> e.chats.take(chat, e.konstantin.id())).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> e.chats.assign(chat, e.owner.id(), e.konstantin.id()))
                .isInstanceOf(NotAllowed.class);
        assertThat(e.chats.take(chat, e.dima.id()).responsible()).contains(e.dima.id());
        // a forwarded chat is not a repeat request: the one who forwarded it does not come back (TEAM-2)
        assertThat(e.chats.get(chat, e.dima.id()).participants()).isEmpty();
    }

    @Test
    void INB5_sendIsIdempotentOnItsKeyAndQueuesOneOutboxRow() throws Exception {
        ChatId chat = activeChatOf(e.vitaly);
        int nudgesBefore = e.nudges.get();
        List<Object> outcomes = race(List.of(
                () -> e.chats.send(chat, e.vitaly.id(), "Hello!", Optional.of("key-1")),
                () -> e.chats.send(chat, e.vitaly.id(), "Hello!", Optional.of("key-1")),
                () -> e.chats.send(chat, e.vitaly.id(), "Hello!", Optional.of("key-1"))));
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(Message.class));
        assertThat(outcomes).extracting(o -> ((Message) o).id()).containsOnly(((Message) outcomes.get(0)).id());
        assertThat(e.count("select count(*) from message where kind = 'OUTBOUND' and chat_id = " + chat.value()))
                .isEqualTo(1);
        assertThat(e.count("select count(*) from outbox o join message m on m.id = o.message_id where m.chat_id = "
                + chat.value())).isEqualTo(1);
        assertThat(e.nudges.get()).isGreaterThan(nudgesBefore);
        assertThat(e.chats.get(chat, e.vitaly.id()).lastActivity()).isNotNull();
    }

    @Test
    void MSG4_historyIsPagedNewestFirstWithNotesAndSystemMessages() {
        ChatId chat = activeChatOf(e.vitaly);
        for (int i = 0; i < 7; i++) {
            e.clock.advance(Duration.ofSeconds(1));
            e.chats.note(chat, e.vitaly.id(), "note " + i);
        }
        List<String> texts = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Message> page = e.chats.history(chat, e.vitaly.id(), cursor, 3);
            page.items().forEach(m -> texts.add(m.kind() + ":" + m.text()));
            cursor = page.next();
        } while (cursor.isPresent());
        assertThat(texts).hasSize(9).startsWith("NOTE:note 6", "NOTE:note 5").endsWith("INBOUND:hello");
        assertThat(texts.get(7)).startsWith("SYSTEM:");
    }

    @Test
    void aMemberOfAnotherProjectFindsNoChat() {
        ChatId chat = e.newChat();
        var other = e.team.create("Elsewhere");
        Member stranger = e.team.add(other.id(), "stranger@engine.example", "Stranger",
                dev.switchboard.api.domain.Role.OWNER);
        assertThatThrownBy(() -> e.chats.take(chat, stranger.id()))
                .isInstanceOf(dev.switchboard.api.error.NotFound.class);
    }

    /** Runs the calls at once (released together) and returns each result or the domain error it threw. */
    static List<Object> race(List<Callable<Object>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch ready = new CountDownLatch(calls.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> call : calls) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        return call.call();
                    } catch (DomainException domain) {
                        return domain;
                    }
                }));
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : futures) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            LOG.info("{} concurrent calls took {} ms", calls.size(),
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
