package dev.switchboard.card.internal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.card.Card;
import dev.switchboard.api.card.CardEvents;
import dev.switchboard.api.card.ContactHit;
import dev.switchboard.api.card.Gender;
import dev.switchboard.api.card.PersonalInfo;
import dev.switchboard.api.card.Subscription;
import dev.switchboard.api.card.Tag;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.RemoteFile;
import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.TagId;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotAllowed;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.store.testing.PostgresDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client card's services on PostgreSQL (CARD-1..6, TEAM-5/6, MSG-4), races decided by the database. */
class CardOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static World w;

    @BeforeAll
    static void world() {
        w = new World(DB);
        w.register(TestFunnel.standard());
    }

    static PersonalInfo info(String first, String last, String email, String phone) {
        return new PersonalInfo(Optional.ofNullable(first), Optional.ofNullable(last), Optional.ofNullable(email),
                Optional.ofNullable(phone), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    static PersonalInfo with(Card card, java.util.function.UnaryOperator<PersonalInfo> change) {
        return change.apply(card.personal());
    }

    // ---------------------------------------------------------------------------------------------- CARD-1, CARD-2

    @Test
    void CARD1_firstMessageCreatesTheCardOnceWithProfileNamesAndFirstStage() {
        World.Team t = w.team();
        ClientProfile profile = new ClientProfile(Optional.of(" Anna "), Optional.of("Petrova"),
                Optional.of(RemoteFile.of("https://api.telegram.org/file/bot123456:SECRET/photos/file_1.jpg")));
        ContactId first = w.directory.identify(t.project(), t.connection(), "tg-1", profile);
        ContactId again = w.directory.identify(t.project(), t.connection(), "tg-1", profile);

        assertThat(again).isEqualTo(first);
        assertThat(w.directory.find(t.connection(), "tg-1")).contains(first);
        assertThat(w.directory.find(t.connection(), "tg-2")).isEmpty();
        Card card = w.cards.card(first, t.vitaly().id());
        assertThat(card.personal().firstName()).contains("Anna");
        assertThat(card.personal().lastName()).contains("Petrova");
        // the photo comes later, fetched into the blob store by the ingress (setPhoto), never as the platform's URL
        assertThat(card.photo()).isEmpty();
        assertThat(card.status()).hasValueSatisfying(s -> {
            assertThat(s.funnel()).isEqualTo("default");
            assertThat(s.stage().key()).isEqualTo("not_client");
            assertThat(s.current()).isTrue();
        });
        assertThat(card.identities()).singleElement().satisfies(i -> {
            assertThat(i.connection()).isEqualTo(t.connection());
            assertThat(i.externalUserId()).isEqualTo("tg-1");
            assertThat(i.channel()).isEqualTo("test");
        });
        assertThat(card.editable()).isFalse();
        assertThat(w.count("select count(*) from contact where project_id = " + t.project().value())).isEqualTo(1);
    }

    @Test
    void CARD1_aConnectionOfAnotherProjectOrNoneIdentifiesNobodyAndWritesNothing() {
        World.Team t = w.team();
        World.Team other = w.team();
        ContactId theirs = w.client(other, "tg-theirs", "Their", "Client");
        long contacts = w.count("select count(*) from contact");
        long identities = w.count("select count(*) from contact_identity");

        // issue 12: their connection is unknown in this project, as one that does not exist
        assertThatThrownBy(() -> w.directory.identify(t.project(), other.connection(), "tg-theirs",
                ClientProfile.named("Renamed", "By us"))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> w.directory.identify(t.project(), other.connection(), "tg-new",
                ClientProfile.named("New", null))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> w.directory.identify(t.project(), new ConnectionId(987_654_321), "tg-new",
                ClientProfile.named("New", null))).isInstanceOf(NotFound.class);
        assertThat(w.directory.find(new ConnectionId(987_654_321), "tg-theirs")).isEmpty();

        assertThat(w.count("select count(*) from contact")).isEqualTo(contacts);
        assertThat(w.count("select count(*) from contact_identity")).isEqualTo(identities);
        assertThat(w.cards.card(theirs, other.owner().id()).personal().firstName()).contains("Their");
    }

    @Test
    void CARD1_concurrentFirstMessagesOfANewClientMakeOneCard() throws Exception {
        World.Team t = w.team();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ContactId>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Callable<ContactId> call = () -> {
                    start.await();
                    return w.directory.identify(t.project(), t.connection(), "racer",
                            ClientProfile.named("Race", "Client"));
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            HashSet<ContactId> ids = new HashSet<>();
            for (Future<ContactId> f : results) {
                ids.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(w.count("select count(*) from contact where project_id = " + t.project().value())).isEqualTo(1);
        assertThat(w.count("select count(*) from contact_identity where connection_id = " + t.connection().value()))
                .isEqualTo(1);
    }

    @Test
    void CARD2_concurrentRefreshesOfAKnownClientAllSucceed() throws Exception {
        World.Team t = w.team();
        ContactId c = w.client(t, "busy", "Busy", "Client");
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ContactId>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                String last = "Client-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return w.directory.identify(t.project(), t.connection(), "busy",
                            ClientProfile.named("Busy", last));
                }));
            }
            start.countDown();
            for (Future<ContactId> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(c);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(w.cards.card(c, t.owner().id()).personal().lastName()).hasValueSatisfying(
                last -> assertThat(last).startsWith("Client-"));
    }

    @Test
    void CARD2_channelRefreshesNamesUnlessAManagerEditedThem() {
        World.Team t = w.team();
        ContactId c = w.client(t, "u1", "Ivan", "Old");
        long before = w.cards.card(c, t.owner().id()).version();
        // the same profile again writes nothing
        w.client(t, "u1", "Ivan", "Old");
        assertThat(w.cards.card(c, t.owner().id()).version()).isEqualTo(before);

        w.client(t, "u1", "Ivan", "New");
        Card refreshed = w.cards.card(c, t.owner().id());
        assertThat(refreshed.personal().lastName()).contains("New");

        w.cards.edit(c, t.owner().id(), with(refreshed, p -> info("Ivan", "Edited", null, null)), refreshed.version());
        w.client(t, "u1", "Vanya", "Channel");
        Card kept = w.cards.card(c, t.owner().id());
        assertThat(kept.personal().firstName()).contains("Ivan");
        assertThat(kept.personal().lastName()).contains("Edited");
    }

    @Test
    void CARD1_knownClientWithAnUnchangedProfileIsOneReadAndNoTransaction() {
        World.Team t = w.team();
        ContactId c = w.client(t, "steady", "Olga", "Same");
        CountingUnit counting = new CountingUnit(w.unit);
        ContactDirectoryImpl directory = ContactDirectoryImpl.on(counting, w.funnels, w.files, w.connections,
                w.events, "RU", Clock.systemUTC());

        assertThat(directory.identify(t.project(), t.connection(), "steady", new ClientProfile(Optional.of("Olga"),
                Optional.of("Same"), Optional.empty()))).isEqualTo(c);
        assertThat(counting.reads).isEqualTo(1);
        assertThat(counting.transactions).isZero();
        // a photo in the profile is not the card's business (the ingress fetches it): still no transaction
        assertThat(directory.identify(t.project(), t.connection(), "steady", ClientProfile.named("Olga", "Same")
                .withPhoto(RemoteFile.of("https://cdn.example/olga.jpg")))).isEqualTo(c);
        assertThat(counting.reads).isEqualTo(2);
        assertThat(counting.transactions).isZero();

        // a changed profile, and a new client, still go through the write transaction
        assertThat(directory.identify(t.project(), t.connection(), "steady", new ClientProfile(Optional.of("Olga"),
                Optional.of("Changed"), Optional.empty()))).isEqualTo(c);
        assertThat(counting.transactions).isEqualTo(1);
        assertThat(w.cards.card(c, t.owner().id()).personal().lastName()).contains("Changed");
        ContactId fresh = directory.identify(t.project(), t.connection(), "fresh", new ClientProfile(
                Optional.of("New"), Optional.empty(), Optional.empty()));
        assertThat(fresh).isNotEqualTo(c);
        assertThat(counting.transactions).isEqualTo(2);
    }

    /** A unit that counts the transactions and reads it is asked for. */
    static final class CountingUnit implements PersistenceUnit {
        private final PersistenceUnit unit;
        int transactions;
        int reads;

        CountingUnit(PersistenceUnit unit) {
            this.unit = unit;
        }

        @Override
        public <T> T inTransaction(Work<T> work) {
            transactions++;
            return unit.inTransaction(work);
        }

        @Override
        public <T> T read(Work<T> work) {
            reads++;
            return unit.read(work);
        }
    }

    // ---------------------------------------------------------------------------------------------- CARD-6

    @Test
    void CARD6_editNormalisesPersonalDataAndMaintainsTheSearchText() {
        World.Team t = w.team();
        ContactId c = w.client(t, "n1", "Maria", null);
        Card card = w.cards.card(c, t.owner().id());
        Card edited = w.cards.edit(c, t.owner().id(), new PersonalInfo(Optional.of(" Мария "),
                Optional.of("Иванова"), Optional.of("  Maria.Ivanova@Example.COM "), Optional.of("8 (912) 345-67-89"),
                Optional.of(Gender.FEMALE), Optional.of("Россия"), Optional.of(" Казань "), Optional.of("   "),
                Optional.of("Likes Tea\nand cake")), card.version());

        assertThat(edited.personal()).isEqualTo(new PersonalInfo(Optional.of("Мария"), Optional.of("Иванова"),
                Optional.of("maria.ivanova@example.com"), Optional.of("+79123456789"), Optional.of(Gender.FEMALE),
                Optional.of("RU"), Optional.of("Казань"), Optional.empty(), Optional.of("Likes Tea\nand cake")));
        assertThat(edited.version()).isGreaterThan(card.version());
        assertThat(w.db.rows("select search_text, names_edited from contact where id = " + c.value()).get(0))
                .containsExactly("мария\nиванова\nmaria.ivanova@example.com\n79123456789\nlikes tea\nand cake", true);
        assertThat(w.events.topicsFor(c.value())).contains(CardEvents.CHANGED);
    }

    @Test
    void CARD6_badFieldIsNamedAndNothingIsWritten() {
        World.Team t = w.team();
        ContactId c = w.client(t, "n2", "Oleg", null);
        Card card = w.cards.card(c, t.owner().id());
        assertThatThrownBy(() -> w.cards.edit(c, t.owner().id(), info("Oleg", null, "not-an-email", null),
                card.version())).isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("email"));
        assertThatThrownBy(() -> w.cards.edit(c, t.owner().id(), info("Oleg", null, null, "12"), card.version()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("phone"));
        assertThatThrownBy(() -> w.cards.edit(c, t.owner().id(), info("x".repeat(121), null, null, null),
                card.version())).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.field()).isEqualTo("firstName"));
        assertThat(w.cards.card(c, t.owner().id()).version()).isEqualTo(card.version());
    }

    static ClientProfile withContacts(String first, String email, String phone) {
        return ClientProfile.named(first, null).withContacts(Optional.ofNullable(email), Optional.ofNullable(phone));
    }

    long changes(ContactId c) {
        return w.events.topicsFor(c.value()).stream().filter(CardEvents.CHANGED::equals).count();
    }

    @Test
    void CARD6_theContactsANewClientGaveAreOnTheCardNormalisedAsAManagersEdit() {
        World.Team t = w.team();
        ContactId c = w.directory.identify(t.project(), t.connection(), "w-nina",
                withContacts("Nina", "  Nina.Petrova@Shop.RU ", "8 (912) 345-67-89"));
        Card card = w.cards.card(c, t.owner().id());
        assertThat(card.personal().email()).contains("nina.petrova@shop.ru");
        assertThat(card.personal().phone()).as("read in the project's region, RU").contains("+79123456789");
        assertThat(card.personal().firstName()).contains("Nina");
        assertThat((String) w.db.rows("select search_text from contact where id = " + c.value()).get(0).get(0))
                .contains("nina.petrova@shop.ru", "79123456789");
        assertThat(changes(c)).isEqualTo(1);
    }

    @Test
    void CARD6_aKnownClientsContactsFillOnlyEmptyFieldsAndNeverReplaceAValue() {
        World.Team t = w.team();
        ContactId c = w.client(t, "w-oleg", "Oleg", null);
        Card card = w.cards.card(c, t.owner().id());
        Card edited = w.cards.edit(c, t.owner().id(), info("Oleg", null, null, "+7 912 000-00-01"), card.version());
        long before = changes(c);

        w.directory.identify(t.project(), t.connection(), "w-oleg",
                withContacts("Oleg", "oleg@shop.ru", "+7 912 555-55-55"));
        Card filled = w.cards.card(c, t.owner().id());
        assertThat(filled.personal().email()).contains("oleg@shop.ru");
        assertThat(filled.personal().phone()).as("the manager's number stays").contains("+79120000001");
        assertThat(filled.version()).isGreaterThan(edited.version());
        assertThat(changes(c)).isEqualTo(before + 1);

        // the client types other details later: the card keeps what it has, and nothing is written
        w.directory.identify(t.project(), t.connection(), "w-oleg",
                withContacts("Oleg", "oleg.new@shop.ru", "+7 912 777-77-77"));
        Card kept = w.cards.card(c, t.owner().id());
        assertThat(kept.personal().email()).contains("oleg@shop.ru");
        assertThat(kept.personal().phone()).contains("+79120000001");
        assertThat(kept.version()).isEqualTo(filled.version());
        assertThat(changes(c)).isEqualTo(before + 1);
    }

    @Test
    void CARD6_contactsThatDoNotReadAsAnAddressOrANumberAreLeftOutAndTheClientIsStillKnown() {
        World.Team t = w.team();
        ContactId c = w.directory.identify(t.project(), t.connection(), "w-pavel",
                withContacts("Pavel", "pavel at shop", "12"));
        Card card = w.cards.card(c, t.owner().id());
        assertThat(card.personal().email()).isEmpty();
        assertThat(card.personal().phone()).isEmpty();
        assertThat(card.personal().firstName()).contains("Pavel");

        // left out before anything is compared: a known client's bad details cost one read, as no details do
        CountingUnit counting = new CountingUnit(w.unit);
        ContactDirectoryImpl directory = ContactDirectoryImpl.on(counting, w.funnels, w.files, w.connections,
                w.events, "RU", Clock.systemUTC());
        assertThat(directory.identify(t.project(), t.connection(), "w-pavel",
                withContacts("Pavel", "x".repeat(250) + "@shop.ru", "+7 000"))).isEqualTo(c);
        assertThat(counting.transactions).isZero();
        // one good value among bad ones is taken
        assertThat(directory.identify(t.project(), t.connection(), "w-pavel",
                withContacts("Pavel", "pavel@shop", "+7 912 345-67-80"))).isEqualTo(c);
        assertThat(counting.transactions).isEqualTo(1);
        assertThat(w.cards.card(c, t.owner().id()).personal().phone()).contains("+79123456780");
        assertThat(w.cards.card(c, t.owner().id()).personal().email()).isEmpty();
    }

    @Test
    void CARD6_aKnownClientWhoseCardHasBothDetailsIsOneReadAndNoTransaction() {
        World.Team t = w.team();
        ContactId c = w.directory.identify(t.project(), t.connection(), "w-rita",
                withContacts("Rita", "rita@shop.ru", "+7 912 345-67-81"));
        CountingUnit counting = new CountingUnit(w.unit);
        ContactDirectoryImpl directory = ContactDirectoryImpl.on(counting, w.funnels, w.files, w.connections,
                w.events, "RU", Clock.systemUTC());
        assertThat(directory.identify(t.project(), t.connection(), "w-rita",
                withContacts("Rita", "other@shop.ru", "+7 912 345-67-82"))).isEqualTo(c);
        assertThat(counting.reads).isEqualTo(1);
        assertThat(counting.transactions).isZero();
    }

    // ---------------------------------------------------------------------------------------------- TEAM-5/6

    @Test
    void TEAM6_memberOutsideTheChatsMayReadButNotEditAndNothingIsWritten() {
        World.Team t = w.team();
        ContactId c = w.client(t, "e1", "Olga", null);
        Card card = w.cards.card(c, t.dima().id());
        assertThat(card.editable()).isFalse();
        int events = w.events.posted.size();

        assertThatThrownBy(() -> w.cards.edit(c, t.dima().id(), info("Hacked", null, null, null), card.version()))
                .isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> w.cards.setStatus(c, t.dima().id(), "client", card.version()))
                .isInstanceOf(NotAllowed.class);
        Tag vip = w.tags.create(t.project(), t.dima().id(), "VIP-" + c, "#ff0000");
        assertThatThrownBy(() -> w.cards.addTag(c, t.dima().id(), vip.id())).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> w.cards.subscribe(c, t.dima().id(), "welcome", "Welcome"))
                .isInstanceOf(NotAllowed.class);

        Card after = w.cards.card(c, t.owner().id());
        assertThat(after.personal().firstName()).contains("Olga");
        assertThat(after.version()).isEqualTo(card.version());
        assertThat(after.tags()).isEmpty();
        assertThat(after.subscriptions()).isEmpty();
        assertThat(w.chats.events(c)).isEmpty();
        assertThat(w.events.posted.subList(events, w.events.posted.size()))
                .extracting(Fakes.Events.Posted::topic).containsOnly(CardEvents.CATALOGUE_CHANGED);
    }

    @Test
    void TEAM5_participantAndOwnerMayEdit() {
        World.Team t = w.team();
        ContactId c = w.client(t, "e2", "Pavel", null);
        w.chats.participant(c, t.konstantin().id());
        Card card = w.cards.card(c, t.konstantin().id());
        assertThat(card.editable()).isTrue();
        Card edited = w.cards.edit(c, t.konstantin().id(), info("Pavel", "Sidorov", null, null), card.version());
        assertThat(edited.personal().lastName()).contains("Sidorov");
        assertThat(w.cards.card(c, t.admin().id()).editable()).isTrue();
    }

    @Test
    void TEAM1_ownersAndAdminsEditACardWithoutChatsManagersDoNot() {
        World.Team t = w.team();
        ContactId c = w.client(t, "e3", "Olga", null);
        assertThat(w.cards.card(c, t.owner().id()).editable()).isTrue();
        assertThat(w.cards.card(c, t.vitaly().id()).editable()).isFalse();
        Card card = w.cards.card(c, t.admin().id());
        Card edited = w.cards.edit(c, t.admin().id(), info("Olga", "Admin-Edited", null, null), card.version());
        assertThat(edited.personal().lastName()).contains("Admin-Edited");
        assertThatThrownBy(() -> w.cards.edit(c, t.vitaly().id(), info("Olga", "Nope", null, null), edited.version()))
                .isInstanceOf(NotAllowed.class);
        World.Team other = w.team();
        assertThatThrownBy(() -> w.cards.card(c, other.owner().id())).isInstanceOf(NotFound.class);
    }

    @Test
    void staleVersionIsAConflictAndNothingIsOverwritten() {
        World.Team t = w.team();
        ContactId c = w.client(t, "v1", "Nina", null);
        Card seen = w.cards.card(c, t.owner().id());
        w.cards.edit(c, t.admin().id(), info("Nina", "First", null, null), seen.version());

        assertThatThrownBy(() -> w.cards.edit(c, t.owner().id(), info("Nina", "Second", null, null), seen.version()))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> w.cards.setStatus(c, t.owner().id(), "client", seen.version()))
                .isInstanceOf(Conflict.class);
        Card now = w.cards.card(c, t.owner().id());
        assertThat(now.personal().lastName()).contains("First");
        assertThat(now.status().orElseThrow().stage().key()).isEqualTo("not_client");
    }

    @Test
    void concurrentEditsOfOneVersionHaveOneWinner() throws Exception {
        World.Team t = w.team();
        ContactId c = w.client(t, "v2", "Race", null);
        long version = w.cards.card(c, t.owner().id()).version();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                String last = "Writer" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        w.cards.edit(c, t.owner().id(), info("Race", last, null, null), version);
                        return "won";
                    } catch (Conflict e) {
                        return "lost";
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(outcomes).containsOnlyOnce("won");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void projectIsolation_aMemberOfAnotherProjectFindsNothing() {
        World.Team a = w.team();
        World.Team b = w.team();
        ContactId c = w.client(a, "iso", "Secret", null);
        Tag tagOfB = w.tags.create(b.project(), b.owner().id(), "B-tag", "#00ff00");
        assertThatThrownBy(() -> w.cards.card(c, b.owner().id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> w.cards.edit(c, b.owner().id(), info("X", null, null, null), 1))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> w.cards.addTag(c, a.owner().id(), tagOfB.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> w.tags.update(tagOfB.id(), a.owner().id(), "mine", "#000000"))
                .isInstanceOf(NotFound.class);
        assertThat(w.tags.tags(a.project())).noneMatch(tag -> tag.id().equals(tagOfB.id()));
    }

    // ---------------------------------------------------------------------------------------------- CARD-3

    @Test
    void CARD3_statusOnlyFromTheCurrentFunnelWithASystemMessageAfterCommit() {
        World.Team t = w.team();
        ContactId c = w.client(t, "s1", "Lena", null);
        w.chats.participant(c, t.vitaly().id());
        Card card = w.cards.card(c, t.vitaly().id());
        assertThatThrownBy(() -> w.cards.setStatus(c, t.vitaly().id(), "nope", card.version()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("stage"));

        Card set = w.cards.setStatus(c, t.vitaly().id(), "interested", card.version());
        assertThat(set.status().orElseThrow().stage().key()).isEqualTo("interested");
        assertThat(set.status().orElseThrow().stage().name(java.util.Locale.forLanguageTag("ru")))
                .isEqualTo("ru-interested");
        assertThat(w.chats.events(c)).containsExactly(
                new SystemEvent.StatusChanged(t.vitaly().id(), "not_client", "interested"));
        // written after the card's commit: another connection already saw the new status
        assertThat(w.chats.recorded).filteredOn(r -> r.contact().equals(c)).singleElement()
                .satisfies(r -> assertThat(r.seenByOthers()).isEqualTo("[[interested, 0, 0]]"));
        // the same status again changes nothing
        w.cards.setStatus(c, t.vitaly().id(), "interested", set.version());
        assertThat(w.chats.events(c)).hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------- CARD-4

    @Test
    void CARD4_tagsOnCardsWithSystemMessagesAndRenameShowsEverywhere() {
        World.Team t = w.team();
        ContactId c1 = w.client(t, "t1", "One", null);
        ContactId c2 = w.client(t, "t2", "Two", null);
        Tag vip = w.tags.create(t.project(), t.vitaly().id(), " VIP ", "#FFAA00");
        assertThat(vip.name()).isEqualTo("VIP");
        assertThat(vip.colour()).isEqualTo("#ffaa00");

        w.cards.addTag(c1, t.owner().id(), vip.id());
        w.cards.addTag(c1, t.owner().id(), vip.id());
        w.cards.addTag(c2, t.owner().id(), vip.id());
        assertThat(w.chats.events(c1)).containsExactly(
                new SystemEvent.TagsChanged(t.owner().id(), List.of("VIP"), List.of()));
        assertThat(w.chats.recorded).filteredOn(r -> r.contact().equals(c1)).singleElement()
                .satisfies(r -> assertThat(r.seenByOthers()).isEqualTo("[[not_client, 1, 0]]"));

        Tag renamed = w.tags.update(vip.id(), t.admin().id(), "Gold", "#123456");
        assertThat(w.cards.card(c1, t.owner().id()).tags()).containsExactly(renamed);
        assertThat(w.cards.card(c2, t.owner().id()).tags()).extracting(Tag::name).containsExactly("Gold");
        assertThat(w.events.posted).anyMatch(p -> p.topic().equals(CardEvents.CATALOGUE_CHANGED)
                && p.project() == t.project().value());

        Card removed = w.cards.removeTag(c1, t.owner().id(), vip.id());
        assertThat(removed.tags()).isEmpty();
        assertThat(w.chats.events(c1)).last().isEqualTo(
                new SystemEvent.TagsChanged(t.owner().id(), List.of(), List.of("Gold")));

        w.tags.delete(vip.id(), t.owner().id());
        assertThat(w.cards.card(c2, t.owner().id()).tags()).isEmpty();
    }

    @Test
    void CARD4_tagNamesAreUniqueIgnoringCaseAndOnlyOwnersAndAdminsChangeTheCatalogue() {
        World.Team t = w.team();
        Tag a = w.tags.create(t.project(), t.dima().id(), "Wholesale", "#010203");
        Tag b = w.tags.create(t.project(), t.dima().id(), "Retail", "#010203");
        assertThatThrownBy(() -> w.tags.create(t.project(), t.vitaly().id(), "WHOLESALE", "#000000"))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> w.tags.update(b.id(), t.owner().id(), "wholesale", "#000000"))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> w.tags.update(a.id(), t.dima().id(), "Mine", "#000000"))
                .isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> w.tags.delete(a.id(), t.dima().id())).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> w.tags.create(t.project(), t.dima().id(), "Bad", "red"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("colour"));
        assertThat(w.tags.update(a.id(), t.owner().id(), "wholesale", "#010203").name()).isEqualTo("wholesale");
        assertThat(w.tags.tags(t.project())).extracting(Tag::name).containsExactly("Retail", "wholesale");
    }

    // ---------------------------------------------------------------------------------------------- CARD-5

    @Test
    void CARD5_subscribeAndUnsubscribeByHandWithSystemMessages() {
        World.Team t = w.team();
        ContactId c = w.client(t, "sub", "Sub", null);
        w.cards.subscribe(c, t.owner().id(), "welcome", "Welcome chain");
        Card card = w.cards.subscribe(c, t.owner().id(), "welcome", "Welcome chain");
        assertThat(card.subscriptions()).extracting(Subscription::chain, Subscription::chainName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("welcome", "Welcome chain"));
        Card after = w.cards.unsubscribe(c, t.owner().id(), "welcome");
        assertThat(after.subscriptions()).isEmpty();
        assertThat(w.chats.events(c)).containsExactly(new SystemEvent.Subscribed(t.owner().id(), "Welcome chain"),
                new SystemEvent.Unsubscribed(t.owner().id(), "Welcome chain"));
        assertThat(w.chats.recorded).filteredOn(r -> r.contact().equals(c))
                .extracting(Fakes.Chats.Recorded::seenByOthers)
                .containsExactly("[[not_client, 0, 1]]", "[[not_client, 0, 0]]");
    }

    // ---------------------------------------------------------------------------------------------- merge

    @Test
    void duplicatesShareAPhoneAnEmailOrAGoogleClientId() {
        World.Team t = w.team();
        ContactId main = w.client(t, "d0", "Main", null);
        ContactId samePhone = w.client(t, "d1", "Phone", null);
        ContactId sameEmail = w.client(t, "d2", "Email", null);
        ContactId sameGoogle = w.client(t, "d3", "Google", null);
        ContactId other = w.client(t, "d4", "Other", null);
        edit(t, main, info("Main", null, "same@example.com", "+7 912 000-11-22"));
        edit(t, samePhone, info("Phone", null, null, "89120001122"));
        edit(t, sameEmail, info("Email", null, "SAME@example.com", null));
        edit(t, other, info("Other", null, "other@example.com", "+79120009999"));
        w.sources.recordGoogleClientId(t.project(), main, "111.222", Instant.now());
        w.sources.recordGoogleClientId(t.project(), sameGoogle, "111.222", Instant.now());

        assertThat(w.cards.duplicates(main, t.dima().id())).extracting(ContactHit::id)
                .containsExactlyInAnyOrder(samePhone, sameEmail, sameGoogle);
    }

    void edit(World.Team t, ContactId c, PersonalInfo info) {
        w.cards.edit(c, t.owner().id(), info, w.cards.card(c, t.owner().id()).version());
    }

    @Test
    void mergeMovesEverythingFillsEmptyFieldsAndCanRunAgainAfterStoppingHalfWay() {
        World.Team t = w.team();
        ContactId survivor = w.client(t, "m1", "Anna", null);
        ContactId other = w.client(t, "m2", "Anya", "K");
        edit(t, other, info("Anya", "K", "anna@example.com", "+79120001111"));
        StoredFile photo = w.files.photo(t.project());
        w.directory.setPhoto(other, photo.id());
        Tag vip = w.tags.create(t.project(), t.owner().id(), "vip", "#000000");
        Tag both = w.tags.create(t.project(), t.owner().id(), "both", "#000000");
        w.cards.addTag(other, t.owner().id(), vip.id());
        w.cards.addTag(other, t.owner().id(), both.id());
        w.cards.addTag(survivor, t.owner().id(), both.id());
        w.cards.subscribe(other, t.owner().id(), "promo", "Promo");
        w.chats.participant(survivor, t.vitaly().id());
        w.chats.participant(other, t.vitaly().id());

        // the chat engine stops half-way: identities moved, the other card is still there, nothing is lost
        w.chats.failNextMove = true;
        assertThatThrownBy(() -> w.cards.merge(survivor, other, t.vitaly().id()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(w.cards.card(other, t.owner().id()).personal().email()).contains("anna@example.com");
        assertThat(w.directory.find(t.connection(), "m2")).contains(survivor);

        // run again: it completes (rights on the other card came from its chats, which may be gone by now)
        Card merged = w.cards.merge(survivor, other, t.vitaly().id());
        assertThat(merged.identities()).extracting(i -> i.externalUserId()).containsExactlyInAnyOrder("m1", "m2");
        assertThat(merged.tags()).extracting(Tag::name).containsExactlyInAnyOrder("vip", "both");
        assertThat(merged.subscriptions()).extracting(Subscription::chain).containsExactly("promo");
        assertThat(merged.personal().firstName()).contains("Anna");
        assertThat(merged.personal().email()).contains("anna@example.com");
        assertThat(merged.personal().phone()).contains("+79120001111");
        // the survivor had no photo: it takes the other's, which therefore stays in the blob store
        assertThat(merged.photo()).contains(photo.id());
        assertThat(w.files.exists(photo.id())).isTrue();
        assertThat(w.db.rows("select search_text from contact where id = " + survivor.value()).get(0).get(0))
                .isEqualTo("anna\n\nanna@example.com\n79120001111\n");
        assertThatThrownBy(() -> w.cards.card(other, t.owner().id())).isInstanceOf(NotFound.class);
        assertThat(w.chats.moved).singleElement().isEqualTo(
                new Fakes.Chats.Moved(other, survivor, t.vitaly().id(), "Anya K"));
        assertThat(w.sources.merges).isNotEmpty().allSatisfy(m -> assertThat(m).containsExactly(survivor, other));
        assertThat(w.events.posted).anyMatch(p -> p.topic().equals(CardEvents.MERGED)
                && p.contact() == survivor.value() && p.merged() == other.value());
    }

    @Test
    void mergeNeedsEditRightsOnBothCards() {
        World.Team t = w.team();
        ContactId a = w.client(t, "r1", "A", null);
        ContactId b = w.client(t, "r2", "B", null);
        w.chats.participant(a, t.dima().id());
        assertThatThrownBy(() -> w.cards.merge(a, b, t.dima().id())).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> w.cards.merge(a, a, t.owner().id())).isInstanceOf(InvalidInput.class);
        assertThat(w.cards.card(b, t.owner().id()).identities()).hasSize(1);
        assertThat(w.directory.find(t.connection(), "r2")).contains(b);
    }
}
