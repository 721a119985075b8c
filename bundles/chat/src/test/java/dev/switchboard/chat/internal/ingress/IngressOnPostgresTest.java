package dev.switchboard.chat.internal.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.chat.ChatEvents;
import dev.switchboard.api.chat.ChatState;
import dev.switchboard.api.chat.ChatSummary;
import dev.switchboard.api.chat.ChatView;
import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotAllowed;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.team.Group;
import dev.switchboard.chat.internal.connection.ConnectionDirectory;
import dev.switchboard.chat.internal.engine.Engine;
import dev.switchboard.chat.internal.engine.InMemorySources;
import dev.switchboard.chat.internal.engine.RecordingEventAdmin;
import dev.switchboard.store.testing.PostgresDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ingress against PostgreSQL: idempotent, one transaction, repeat requests, auto-forwarding, the client's card
 * and sources (INB-1, INB-3, GRP-2, CARD-1, CARD-8).
 */
class IngressOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static Engine e;

    @BeforeAll
    static void engine() {
        e = new Engine(DB, "ingress");
    }

    @Test
    void INB1_aFirstMessageCreatesANewChatWithARequestAndPostsAfterCommit() {
        e.events.clear();
        Ingress.Received r = e.ingress.accept(e.message("anna", "a-1", "Hi, I need help", Optional.empty()));
        assertThat(r.duplicate()).isFalse();
        ChatView v = e.chats.get(r.chat(), e.vitaly.id());
        assertThat(v.state()).isEqualTo(ChatState.NEW);
        assertThat(v.clientName()).isEqualTo("Client anna");
        assertThat(v.channel()).isEqualTo("test");
        assertThat(e.db.rows("select first_message_id, closed_at from request where chat_id = " + r.chat().value()))
                .containsExactly(java.util.Arrays.asList(r.message().value(), null));
        assertThat(e.events.of(r.chat().value())).extracting(RecordingEventAdmin.Posted::topic)
                .containsExactly(ChatEvents.CHAT_CHANGED, ChatEvents.MESSAGE_ADDED);
        assertThat(e.events.of(r.chat().value()).get(0).seenByOthers()).contains("NEW");
    }

    @Test
    void INB1_aRedeliveryReturnsTheStoredMessageAndWritesNothing() {
        Ingress.Received first = e.ingress.accept(e.message("boris", "b-1", "one", Optional.empty()));
        long rows = e.count("select count(*) from message");
        e.events.clear();
        Ingress.Received again = e.ingress.accept(e.message("boris", "b-1", "one", Optional.empty()));
        assertThat(again).isEqualTo(new Ingress.Received(first.message(), first.chat(), true));
        assertThat(e.count("select count(*) from message")).isEqualTo(rows);
        assertThat(e.events.posted()).isEmpty();
    }

    @Test
    void INB1_concurrentDuplicateDeliveriesStoreOneMessage() throws Exception {
        for (int round = 0; round < 5; round++) {
            String client = "racer-" + round;
            String id = "dup-" + round;
            List<Ingress.Received> results = concurrently(16,
                    () -> e.ingress.accept(e.message(client, id, "same", Optional.empty())));
            assertThat(results).extracting(Ingress.Received::message).containsOnly(results.get(0).message());
            assertThat(results).filteredOn(r -> !r.duplicate()).hasSize(1);
            assertThat(e.count("select count(*) from message where external_id = 'dup-" + round + "'")).isEqualTo(1);
            assertThat(e.count("select count(*) from chat where external_user_id = '" + client + "'")).isEqualTo(1);
        }
    }

    @Test
    void INB1_concurrentDifferentFirstMessagesOfOneClientShareOneChat() throws Exception {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        List<Ingress.Received> results = concurrently(8,
                () -> e.ingress.accept(e.message("crowd", "c-" + n.incrementAndGet(), "hi", Optional.empty())));
        assertThat(results).extracting(Ingress.Received::chat).containsOnly(results.get(0).chat());
        assertThat(e.count("select count(*) from request where chat_id = " + results.get(0).chat().value()))
                .isEqualTo(1);
    }

    @Test
    void INB3_TEAM2_aClientWritingAfterDoneReopensTheChatAndAnotherTakerBringsThePreviousResponsibleIn() {
        Ingress.Received first = e.ingress.accept(e.message("vera", "v-1", "question", Optional.empty()));
        e.chats.take(first.chat(), e.vitaly.id());
        e.chats.done(first.chat(), e.vitaly.id());
        Ingress.Received again = e.ingress.accept(e.message("vera", "v-2", "one more", Optional.empty()));
        assertThat(again.chat()).isEqualTo(first.chat());
        ChatView reopened = e.chats.get(again.chat(), e.dima.id());
        assertThat(reopened.state()).isEqualTo(ChatState.NEW);
        assertThat(reopened.responsible()).isEmpty();
        assertThat(reopened.previousResponsible()).contains(e.vitaly.id());
        assertThat(e.systemEvents(again.chat())).containsExactly("Took", "Closed", "Reopened");
        assertThat(e.count("select count(*) from request where chat_id = " + again.chat().value())).isEqualTo(2);
        ChatView taken = e.chats.take(again.chat(), e.dima.id());
        assertThat(taken.responsible()).contains(e.dima.id());
        assertThat(taken.participants()).containsExactly(e.vitaly.id());
    }

    @Test
    void INB3_TEAM2_thePreviousResponsibleTakingTheRepeatRequestJoinsNobody() {
        Ingress.Received first = e.ingress.accept(e.message("gleb", "g-1", "question", Optional.empty()));
        e.chats.take(first.chat(), e.vitaly.id());
        e.chats.done(first.chat(), e.vitaly.id());
        e.ingress.accept(e.message("gleb", "g-2", "again", Optional.empty()));
        ChatView taken = e.chats.take(first.chat(), e.vitaly.id());
        assertThat(taken.participants()).isEmpty();
    }

    @Test
    void GRP2_aNewRequestFromANamedSourceGoesStraightToItsGroup() {
        Group sales = e.groups.create(e.project.id(), e.owner.id(), "Sales");
        e.groups.setAutoForward(sales.id(), e.owner.id(), Set.of("promo-landing"));
        Ingress.Received r = e.ingress.accept(e.message("lead", "l-1", "price?", Optional.of("promo-landing")));
        ChatView v = e.chats.get(r.chat(), e.owner.id());
        assertThat(v.group()).contains(sales.id());
        assertThat(v.state()).isEqualTo(ChatState.NEW);
        assertThat(e.chats.history(r.chat(), e.owner.id(), Optional.empty(), 5).items())
                .anySatisfy(m -> assertThat(m.event()).contains(new SystemEvent.Forwarded(Optional.empty(), sales.id())));
        // a later message of the same request does not forward again
        e.ingress.accept(e.message("lead", "l-2", "hello?", Optional.of("promo-landing")));
        assertThat(e.systemEvents(r.chat())).containsExactly("Forwarded");
    }

    @Test
    void anUnknownConnectionOrAnEmptyIdIsRefused() {
        assertThatThrownBy(() -> e.ingress.accept(new InboundMessage(new ConnectionId(999_999), "x", "u",
                ClientProfile.named("A", "B"), "t", Instant.now(), Optional.empty()))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> e.ingress.accept(e.message("u", " ", "t", Optional.empty())))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void INB1_aFoundConnectionIsServedWithoutTheDatabaseAndAMissIsNeverCached() throws Exception {
        CountingUnit counting = new CountingUnit(e.unit);
        ConnectionDirectory node = ConnectionDirectory.on(counting, e.team, e.secrets, e.registry, e.events,
                Engine.PUBLIC_URL, e.clock);
        assertThat(node.find(e.connection.id())).contains(e.connection);
        assertThat(node.find(e.connection.id())).contains(e.connection);
        assertThat(counting.reads.get()).isEqualTo(1);

        // another node connects a channel after this one looked for it in vain
        ConnectionId later = new ConnectionId(7_000_001);
        assertThat(node.find(later)).isEmpty();
        assertThat(node.find(later)).isEmpty();
        assertThat(counting.reads.get()).isEqualTo(3);
        try (java.sql.Connection c = e.db.jdbc().getConnection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("insert into channel_connection (id, project_id, type, name, created_at, webhook_key,"
                    + " webhook_secret) values (" + later.value() + ", " + e.project.id().value()
                    + ", 'test', 'Other node', now(), 'key-of-the-other-node-0123456789', '"
                    + e.secrets.seal("s") + "')");
        }
        assertThat(node.find(later)).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("Other node"));
        assertThat(node.find(later)).isPresent();
        assertThat(counting.reads.get()).isEqualTo(4);
        assertThat(counting.transactions.get()).isZero();

        // and once the other node disables it, this node stops serving it when it looks again
        try (java.sql.Connection c = e.db.jdbc().getConnection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("update channel_connection set state = 'DELETED', version = version + 1 where id = "
                    + later.value());
        }
        e.clock.advance(java.time.Duration.ofSeconds(11));
        assertThat(node.find(later)).isEmpty();
    }

    /** A unit that counts the transactions and reads it is asked for. */
    static final class CountingUnit implements PersistenceUnit {
        private final PersistenceUnit unit;
        final AtomicInteger transactions = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();

        CountingUnit(PersistenceUnit unit) {
            this.unit = unit;
        }

        @Override
        public <T> T inTransaction(Work<T> work) {
            transactions.incrementAndGet();
            return unit.inTransaction(work);
        }

        @Override
        public <T> T read(Work<T> work) {
            reads.incrementAndGet();
            return unit.read(work);
        }
    }

    @Test
    void onlyOwnersAndAdminsConnectChannels() {
        assertThatThrownBy(() -> e.connections.create(e.project.id(), e.vitaly.id(), "test", "Bot"))
                .isInstanceOf(NotAllowed.class);
        assertThat(e.connections.create(e.project.id(), e.admin.id(), "test", "Bot").type()).isEqualTo("test");
        assertThat(e.connections.list(e.project.id())).extracting(c -> c.name()).contains("Bot", "Test bot");
    }

    @Test
    void CARD1_theChatIsLinkedToTheContactTheDirectoryIdentified() {
        Ingress.Received r = e.ingress.accept(new InboundMessage(e.connection.id(), "k-1", "kira",
                ClientProfile.named("Kira", "Orlova"), "hello", e.clock.instant(), Optional.empty()));
        ContactId kira = e.contacts.find(e.connection.id(), "kira").orElseThrow();
        assertThat(e.chats.get(r.chat(), e.owner.id()).contact()).contains(kira);
        assertThat(e.contactChats.chats(kira, e.owner.id())).extracting(ChatSummary::contact)
                .containsExactly(Optional.of(kira));
    }

    @Test
    void CARD1_aChatFromBeforeCardsOrOfAMergedIdentityGetsTheContactWithTheNextMessage() {
        Ingress.Received r = e.ingress.accept(e.message("lev", "lv-1", "old chat", Optional.empty()));
        e.db.rows("update chat set contact_id = null where id = " + r.chat().value() + " returning id");
        long version = e.count("select version from chat where id = " + r.chat().value());
        e.ingress.accept(e.message("lev", "lv-2", "still here", Optional.empty()));
        ContactId lev = e.contacts.find(e.connection.id(), "lev").orElseThrow();
        assertThat(e.chats.get(r.chat(), e.owner.id()).contact()).contains(lev);
        // linking a card is no change of the chat's state: a concurrent take or Done keeps its version check
        assertThat(e.count("select version from chat where id = " + r.chat().value())).isEqualTo(version);

        ContactId survivor = e.contacts.newContact();
        e.contacts.reassign(e.connection.id(), "lev", survivor);
        e.ingress.accept(e.message("lev", "lv-3", "after the merge", Optional.empty()));
        assertThat(e.chats.get(r.chat(), e.owner.id()).contact()).contains(survivor);
    }

    @Test
    void CARD8_sourcesOfAMessageAreRecordedOnceAlsoWhenThePlatformRedelivers() {
        InboundMessage m = tracked("mira", "mi-1", Optional.of("promo-qr"), "GA1.2.1234567890.1600000000",
                "https://shop.example/sofas?utm_source=google&utm_campaign=autumn", "https://google.com/");
        Ingress.Received first = e.ingress.accept(m);
        ContactId mira = e.contacts.find(e.connection.id(), "mira").orElseThrow();
        assertThat(e.sources.tools).filteredOn(t -> t.contact().equals(mira))
                .containsExactly(new InMemorySources.Tool(mira, "promo-qr", "link"));
        assertThat(e.sources.googleIds).filteredOn(g -> g.contact().equals(mira))
                .containsExactly(new InMemorySources.Ga(mira, "1234567890.1600000000"));
        assertThat(visits(mira)).hasSize(1);
        assertThat(visits(mira).get(0).url()).contains(
                "https://shop.example/sofas?utm_source=google&utm_campaign=autumn");
        assertThat(visits(mira).get(0).referrer()).contains("https://google.com/");

        e.clock.advance(Duration.ofSeconds(30));
        Ingress.Received again = e.ingress.accept(m);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.message()).isEqualTo(first.message());
        assertThat(e.sources.tools).filteredOn(t -> t.contact().equals(mira)).hasSize(1);
        assertThat(e.sources.googleIds).filteredOn(g -> g.contact().equals(mira)).hasSize(1);
        assertThat(visits(mira)).hasSize(1);
    }

    @Test
    void CARD8a_theWidgetIsAWidgetToolAndAMessageWithoutSourcesRecordsNone() {
        ChannelConnection widget = e.connections.create(e.project.id(), e.owner.id(), "widget", "Site widget");
        int calls = e.sources.calls.size();
        e.ingress.accept(e.message("nika", "n-1", "no sources", Optional.empty()));
        assertThat(e.sources.calls).hasSize(calls);
        e.ingress.accept(new InboundMessage(widget.id(), "w-1", "nika-web", ClientProfile.named("Nika", null),
                "from the site", e.clock.instant(), Optional.of("landing-sofas"),
                Optional.of(new InboundMessage.Tracking(Optional.of("  "), Optional.empty(), Optional.empty()))));
        ContactId nika = e.contacts.find(widget.id(), "nika-web").orElseThrow();
        assertThat(e.sources.tools).contains(new InMemorySources.Tool(nika, "landing-sofas", "widget"));
        assertThat(e.sources.calls).hasSize(calls + 1);
    }

    @Test
    void CARD8_badTrackingValuesDoNotRefuseTheClientsMessage() {
        InboundMessage m = tracked("oleg", "o-1", Optional.of("x".repeat(300)), "not-a-cookie",
                "javascript:alert(1)", "");
        Ingress.Received r = e.ingress.accept(m);
        assertThat(r.duplicate()).isFalse();
        assertThat(e.count("select count(*) from message where external_id = 'o-1'")).isEqualTo(1);
        ContactId oleg = e.contacts.find(e.connection.id(), "oleg").orElseThrow();
        assertThat(e.sources.tools).noneMatch(t -> t.contact().equals(oleg));
        assertThat(e.sources.googleIds).noneMatch(g -> g.contact().equals(oleg));
        assertThat(e.sources.visits).noneMatch(v -> v.contact().equals(oleg));
        assertThat(e.sources.calls).contains("acquisition", "ga", "visit");
    }

    @Test
    void CARD8c_aVisitWithOneBadAddressIsKeptWithTheOther() {
        e.ingress.accept(tracked("pavel", "p-1", Optional.empty(), "GA1.2.5.6", "https://shop.example/?utm_medium=cpc",
                "android-app://com.google.android.gm"));
        e.ingress.accept(tracked("rita", "r-1", Optional.empty(), "5.6", "file:///etc/passwd", "https://ya.ru/"));
        ContactId pavel = e.contacts.find(e.connection.id(), "pavel").orElseThrow();
        ContactId rita = e.contacts.find(e.connection.id(), "rita").orElseThrow();
        assertThat(visits(pavel)).extracting(InMemorySources.Seen::url, InMemorySources.Seen::referrer)
                .containsExactly(tuple(Optional.of("https://shop.example/?utm_medium=cpc"), Optional.empty()));
        assertThat(visits(rita)).extracting(InMemorySources.Seen::url, InMemorySources.Seen::referrer)
                .containsExactly(tuple(Optional.empty(), Optional.of("https://ya.ru/")));
    }

    static List<InMemorySources.Seen> visits(ContactId contact) {
        return e.sources.visits.stream().filter(v -> v.contact().equals(contact)).toList();
    }

    static InboundMessage tracked(String client, String id, Optional<String> source, String ga, String url,
                                  String referrer) {
        return new InboundMessage(e.connection.id(), id, client, ClientProfile.named("Client", client), "hi",
                e.clock.instant(), source, Optional.of(new InboundMessage.Tracking(Optional.of(ga), Optional.of(url),
                Optional.of(referrer))));
    }

    static <T> List<T> concurrently(int n, java.util.concurrent.Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
