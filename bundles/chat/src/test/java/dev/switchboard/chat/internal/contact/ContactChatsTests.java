package dev.switchboard.chat.internal.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.chat.ChatEvents;
import dev.switchboard.api.chat.ChatSummary;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.chat.MessageKind;
import dev.switchboard.api.chat.RequestSummary;
import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.error.NotAllowed;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.team.AccessRights;
import dev.switchboard.api.team.Group;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.Project;
import dev.switchboard.chat.internal.engine.Engine;
import dev.switchboard.chat.internal.engine.RecordingEventAdmin;
import dev.switchboard.store.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A contact's chats, requests and card messages (CARD-7, CARD-9, INB-7, TEAM-5..7, MSG-4), the same on
 * PostgreSQL and on H2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContactChatsTests {

    Engine e;
    ChannelConnection telegram;
    final AtomicInteger ids = new AtomicInteger();

    abstract TestDatabase database();

    @BeforeAll
    void engine() {
        e = new Engine(database(), "contacts");
        telegram = e.connections.create(e.project.id(), e.owner.id(), "telegram", "Telegram bot");
    }

    /** A message from {@code client} on a connection; returns what the ingress answered. */
    Ingress.Received write(ChannelConnection on, String client, String text) {
        e.clock.advance(Duration.ofSeconds(1));
        return e.ingress.accept(new InboundMessage(on.id(), "x-" + ids.incrementAndGet(), client,
                ClientProfile.named("Client", client), text, e.clock.instant(), Optional.empty()));
    }

    ContactId contactOf(ChannelConnection on, String client) {
        return e.contacts.find(on.id(), client).orElseThrow();
    }

    /** One person writing on two connections: the second identity belongs to the first's card. */
    List<ChatId> twoChatsOfOneContact(String client) {
        ChatId first = write(e.connection, client, "hello from the test bot").chat();
        ContactId contact = contactOf(e.connection, client);
        e.contacts.reassign(telegram.id(), client, contact);
        ChatId second = write(telegram, client, "hello from telegram").chat();
        return List.of(first, second);
    }

    @Test
    void CARD9_aContactsChatsComeNewestActivityFirstInOneBatchForManyContacts() {
        List<ChatId> anna = twoChatsOfOneContact("anna");
        ChatId boris = write(e.connection, "boris", "hi").chat();
        write(e.connection, "anna", "the test bot again");
        ContactId annaCard = contactOf(e.connection, "anna");
        ContactId borisCard = contactOf(e.connection, "boris");
        ContactId nobody = e.contacts.newContact();

        assertThat(e.contactChats.chats(annaCard, e.vitaly.id())).extracting(ChatSummary::id)
                .containsExactly(anna.get(0), anna.get(1));
        Map<ContactId, List<ChatSummary>> batch = e.contactChats.chats(List.of(borisCard, nobody, annaCard),
                e.vitaly.id());
        assertThat(batch.keySet()).containsExactly(borisCard, annaCard);
        assertThat(batch.get(borisCard)).extracting(ChatSummary::id).containsExactly(boris);
        assertThat(batch.get(annaCard)).extracting(ChatSummary::id).containsExactly(anna.get(0), anna.get(1));
        assertThat(batch.get(annaCard)).extracting(ChatSummary::contact).containsOnly(Optional.of(annaCard));
        assertThat(e.contactChats.chats(List.of(), e.vitaly.id())).isEmpty();
    }

    @Test
    void TEAM7_GRP3_chatsHidesWhatTheViewerMayNotRead() {
        Member noOthers = e.team.setRights(e.team.add(e.project.id(), "noothers@contacts.example", "No others",
                Role.MANAGER).id(), new AccessRights(true, false));
        Member outsider = e.team.add(e.project.id(), "outsider@contacts.example", "Outsider", Role.MANAGER);
        List<ChatId> chats = twoChatsOfOneContact("vera");
        ContactId vera = contactOf(e.connection, "vera");
        e.chats.take(chats.get(0), e.vitaly.id());
        // the other chat goes back to New, in a group closed to the outsider
        Group vip = e.groups.create(e.project.id(), e.owner.id(), "VIP");
        e.groups.setMembers(vip.id(), e.owner.id(), Set.of(e.vitaly.id(), noOthers.id()));
        e.chats.take(chats.get(1), e.dima.id());
        e.chats.forward(chats.get(1), e.dima.id(), vip.id());

        assertThat(e.contactChats.chats(vera, e.vitaly.id())).extracting(ChatSummary::id)
                .containsExactlyInAnyOrderElementsOf(chats);
        assertThat(e.contactChats.chats(vera, noOthers.id())).extracting(ChatSummary::id)
                .containsExactly(chats.get(1));
        assertThat(e.contactChats.chats(vera, outsider.id())).extracting(ChatSummary::id)
                .containsExactly(chats.get(0));
        assertThat(e.contactChats.chats(List.of(vera), outsider.id()).get(vera)).hasSize(1);
        // a participant reads the chat even without the right to see others' chats
        e.chats.addParticipant(chats.get(0), e.vitaly.id(), noOthers.id());
        assertThat(e.contactChats.chats(vera, noOthers.id())).hasSize(2);
        assertThat(e.contactChats.requests(vera, outsider.id())).extracting(RequestSummary::chat)
                .containsExactly(chats.get(0));
    }

    @Test
    void TEAM5_TEAM6_theResponsibleParticipantsOwnersAndAdminsEditTheCardOthersRead() {
        ChatId chat = write(e.connection, "gleb", "hi").chat();
        ContactId gleb = contactOf(e.connection, "gleb");
        assertThat(e.contactChats.mayEditCard(gleb, e.vitaly.id())).isFalse();
        assertThat(e.contactChats.mayEditCard(gleb, e.owner.id())).isTrue();
        assertThat(e.contactChats.mayEditCard(gleb, e.admin.id())).isTrue();
        e.chats.take(chat, e.vitaly.id());
        e.chats.addParticipant(chat, e.vitaly.id(), e.dima.id());
        assertThat(e.contactChats.mayEditCard(gleb, e.vitaly.id())).isTrue();
        assertThat(e.contactChats.mayEditCard(gleb, e.dima.id())).isTrue();
        assertThat(e.contactChats.mayEditCard(gleb, e.konstantin.id())).isFalse();
        e.chats.leave(chat, e.dima.id());
        assertThat(e.contactChats.mayEditCard(gleb, e.dima.id())).isFalse();

        Project elsewhere = e.team.create("elsewhere");
        Member foreignOwner = e.team.add(elsewhere.id(), "owner@elsewhere.example", "Foreign owner", Role.OWNER);
        assertThat(e.contactChats.mayEditCard(gleb, foreignOwner.id())).isFalse();
        assertThat(e.contactChats.mayEditCard(e.contacts.newContact(), e.owner.id())).isFalse();
    }

    @Test
    void CARD7_CARD9_everyRequestWithItsFirstMessageAndDatesAcrossDoneAndReopen() {
        ChatId chat = write(e.connection, "dora", "  I need   a sofa\n").chat();
        write(e.connection, "dora", "a green one");
        e.chats.take(chat, e.vitaly.id());
        e.clock.advance(Duration.ofMinutes(5));
        e.chats.done(chat, e.vitaly.id());
        write(e.connection, "dora", "x".repeat(400));
        ContactId dora = contactOf(e.connection, "dora");

        List<RequestSummary> requests = e.contactChats.requests(dora, e.vitaly.id());
        assertThat(requests).hasSize(2);
        RequestSummary second = requests.get(0);
        RequestSummary first = requests.get(1);
        assertThat(first.firstMessage()).isEqualTo("I need a sofa");
        assertThat(first.chat()).isEqualTo(chat);
        assertThat(first.channel()).isEqualTo("test");
        assertThat(first.closedBy()).contains(e.vitaly.id());
        assertThat(first.closedAt()).isPresent();
        assertThat(first.closedAt().get()).isAfter(first.openedAt());
        assertThat(second.firstMessage()).hasSize(280).endsWith("…");
        assertThat(second.closedAt()).isEmpty();
        assertThat(second.closedBy()).isEmpty();
        assertThat(second.openedAt()).isAfter(first.closedAt().get());
    }

    @Test
    void CARD7_aRequestsHistoryIsThatPartOfTheChatOldestFirstAndPaged() {
        ChatId chat = write(e.connection, "emil", "first question").chat();
        write(e.connection, "emil", "more details");
        e.chats.take(chat, e.vitaly.id());
        e.chats.note(chat, e.vitaly.id(), "call him back");
        e.chats.done(chat, e.vitaly.id());
        e.clock.advance(Duration.ofMinutes(1));
        write(e.connection, "emil", "second question");
        ContactId emil = contactOf(e.connection, "emil");
        List<RequestSummary> requests = e.contactChats.requests(emil, e.vitaly.id());

        List<Message> first = all(requests.get(1), 2);
        assertThat(first).extracting(ContactChatsTests::describe).containsExactly(
                "INBOUND first question", "INBOUND more details", "SYSTEM Took", "NOTE call him back",
                "SYSTEM Closed");
        List<Message> second = all(requests.get(0), 50);
        assertThat(second).extracting(ContactChatsTests::describe)
                .containsExactly("SYSTEM Reopened", "INBOUND second question");
        Page<Message> page = e.contactChats.requestHistory(requests.get(1).id(), e.vitaly.id(), Optional.empty(), 2);
        assertThat(page.items()).hasSize(2);
        assertThat(page.next()).isPresent();
    }

    @Test
    void TEAM7_aRequestsHistoryIsRefusedLikeTheChatsAndUnknownOutsideTheProject() {
        ChatId chat = write(e.connection, "fedor", "hello").chat();
        e.chats.take(chat, e.vitaly.id());
        RequestSummary request = e.contactChats.requests(contactOf(e.connection, "fedor"), e.vitaly.id()).get(0);
        Member blind = e.team.setRights(e.team.add(e.project.id(), "blind@contacts.example", "Blind",
                Role.MANAGER).id(), new AccessRights(false, false));
        assertThatThrownBy(() -> e.contactChats.requestHistory(request.id(), blind.id(), Optional.empty(), 10))
                .isInstanceOf(NotAllowed.class);
        Project elsewhere = e.team.create("elsewhere-history");
        Member stranger = e.team.add(elsewhere.id(), "owner@elsewhere-history.example", "Stranger", Role.OWNER);
        assertThatThrownBy(() -> e.contactChats.requestHistory(request.id(), stranger.id(), Optional.empty(), 10))
                .isInstanceOf(NotFound.class);
        assertThat(e.contactChats.requests(contactOf(e.connection, "fedor"), stranger.id())).isEmpty();
    }

    @Test
    void MSG4_aCardEventWritesOneSystemMessagePerChatOfTheContactAndPostsAfterCommit() {
        List<ChatId> chats = twoChatsOfOneContact("galina");
        ChatId unrelated = write(e.connection, "someone-else", "hi").chat();
        ContactId galina = contactOf(e.connection, "galina");
        e.events.clear();
        SystemEvent status = new SystemEvent.StatusChanged(e.vitaly.id(), "contacted", "client");
        e.contactChats.recordCardEvent(galina, status);

        for (ChatId chat : chats) {
            assertThat(e.systemEvents(chat)).containsExactly("StatusChanged");
            assertThat(e.chats.history(chat, e.owner.id(), Optional.empty(), 1).items().get(0).event())
                    .contains(status);
            assertThat(e.events.of(chat.value())).extracting(RecordingEventAdmin.Posted::topic)
                    .containsExactly(ChatEvents.MESSAGE_ADDED);
        }
        assertThat(e.systemEvents(unrelated)).isEmpty();
    }

    @Test
    void mergeMovesTheOthersChatsWithTheirHistoryWritesContactsMergedAndIsIdempotent() {
        ChatId survivorChat = write(e.connection, "hanna", "I am Hanna").chat();
        ChatId otherChat = write(telegram, "hanna-tg", "Hanna again, from Telegram").chat();
        e.chats.take(otherChat, e.vitaly.id());
        ContactId survivor = contactOf(e.connection, "hanna");
        ContactId other = contactOf(telegram, "hanna-tg");
        long otherMessages = e.count("select count(*) from message where chat_id = " + otherChat.value());

        e.contactChats.moveChats(other, survivor, e.admin.id(), "Hanna T.");

        assertThat(e.contactChats.chats(survivor, e.owner.id())).extracting(ChatSummary::id)
                .containsExactlyInAnyOrder(survivorChat, otherChat);
        assertThat(e.contactChats.chats(other, e.owner.id())).isEmpty();
        assertThat(e.contactChats.requests(survivor, e.owner.id())).hasSize(2);
        assertThat(e.count("select count(*) from message where chat_id = " + otherChat.value()))
                .isEqualTo(otherMessages + 1);
        SystemEvent merged = new SystemEvent.ContactsMerged(e.admin.id(), "Hanna T.");
        for (ChatId chat : List.of(survivorChat, otherChat)) {
            assertThat(e.chats.history(chat, e.owner.id(), Optional.empty(), 1).items().get(0).event())
                    .contains(merged);
        }
        // the card's merge retried: nothing moves, nothing is written twice
        long messages = e.count("select count(*) from message");
        e.contactChats.moveChats(other, survivor, e.admin.id(), "Hanna T.");
        assertThat(e.count("select count(*) from message")).isEqualTo(messages);
        assertThat(e.contactChats.chats(survivor, e.owner.id())).hasSize(2);
    }

    /** Every message of a request, page by page. */
    List<Message> all(RequestSummary request, int size) {
        List<Message> all = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            Page<Message> page = e.contactChats.requestHistory(request.id(), e.vitaly.id(), after, size);
            all.addAll(page.items());
            after = page.next();
        } while (after.isPresent());
        return all;
    }

    static String describe(Message m) {
        return m.kind() + " " + (m.kind() == MessageKind.SYSTEM
                ? m.event().orElseThrow().getClass().getSimpleName() : m.text());
    }
}
