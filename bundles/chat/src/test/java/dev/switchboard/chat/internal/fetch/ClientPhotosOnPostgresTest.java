package dev.switchboard.chat.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.channel.ChannelCapabilities;
import dev.switchboard.api.channel.ChannelConnector;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.ConnectResult;
import dev.switchboard.api.channel.ConnectionContext;
import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.FetchedFile;
import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.channel.OutboundMessage;
import dev.switchboard.api.channel.RemoteFile;
import dev.switchboard.api.channel.SettingField;
import dev.switchboard.api.channel.WebhookOutcome;
import dev.switchboard.api.channel.WebhookRequest;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.chat.internal.engine.Engine;
import dev.switchboard.chat.internal.engine.TestChannel;
import dev.switchboard.store.testing.PostgresDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client's photo (CARD-2): fetched from the platform into the blob store after the message, once per distinct
 * photo, and set on the card; a new client whose first message came without one is asked for once through the
 * connector's profile; a redelivered message asks for nothing.
 */
class ClientPhotosOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static Engine e;
    static Counting connector;
    static final AtomicInteger ids = new AtomicInteger();
    static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F'};
    static final byte[] OTHER_JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe1, 0, 16, 'E', 'x', 'i', 'f'};

    /** The test channel, counting what the fetch job asks of it. */
    static final class Counting implements ChannelConnector {
        final TestChannel channel;
        final List<String> fetched = new CopyOnWriteArrayList<>();
        final List<String> asked = new CopyOnWriteArrayList<>();

        Counting(TestChannel channel) {
            this.channel = channel;
        }

        @Override
        public String type() {
            return channel.type();
        }

        @Override
        public Map<String, String> names() {
            return channel.names();
        }

        @Override
        public ChannelCapabilities capabilities() {
            return channel.capabilities();
        }

        @Override
        public List<SettingField> settings() {
            return channel.settings();
        }

        @Override
        public Map<String, String> validate(Map<String, String> settings, Locale locale) {
            return channel.validate(settings, locale);
        }

        @Override
        public ConnectResult connect(ConnectionContext connection) {
            return channel.connect(connection);
        }

        @Override
        public WebhookOutcome handle(WebhookRequest request, ConnectionContext connection) {
            return channel.handle(request, connection);
        }

        @Override
        public DeliveryResult send(OutboundMessage message) {
            return channel.send(message);
        }

        @Override
        public FetchedFile fetch(RemoteFile file, ConnectionContext connection) throws IOException {
            fetched.add(file.ref());
            return channel.fetch(file, connection);
        }

        @Override
        public Optional<ClientProfile> profile(String externalUserId, ConnectionContext connection) {
            asked.add(externalUserId);
            return channel.profile(externalUserId, connection);
        }
    }

    @BeforeAll
    static void engine() {
        e = new Engine(DB, "photos");
        connector = new Counting(e.channel);
        e.registry.add(connector);
    }

    @BeforeEach
    void fresh() {
        sql("update profile_fetch set state = 'FAILED' where state = 'PENDING'");
        connector.fetched.clear();
        connector.asked.clear();
        e.channel.profile = Optional.empty();
        e.channel.failFetches = 0;
    }

    @AfterEach
    void theChannelAsItWas() {
        e.registry.add(connector);
    }

    static void sql(String statement) {
        try (Connection c = e.db.jdbc().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        } catch (SQLException x) {
            throw new IllegalStateException(statement, x);
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static String client(String name) {
        return name + "-" + ids.incrementAndGet();
    }

    /** A photo the platform serves, known by a stable key and a reference that may change between messages. */
    static RemoteFile photo(String key, byte[] bytes) {
        String ref = "photo-" + key + "-" + ids.incrementAndGet();
        e.channel.remoteFiles.put(ref, bytes);
        return new RemoteFile(ref, Optional.of(key), Optional.empty(), Optional.of("image/jpeg"),
                OptionalLong.of(bytes.length));
    }

    static Ingress.Received writes(String client, String messageId, ClientProfile profile) {
        return e.ingress.accept(new InboundMessage(e.connection.id(), messageId, client, profile, "hello",
                e.clock.instant(), Optional.empty()));
    }

    static Ingress.Received writes(String client, ClientProfile profile) {
        return writes(client, client + "-m" + ids.incrementAndGet(), profile);
    }

    static ContactId contact(String client) {
        return e.contacts.find(e.connection.id(), client).orElseThrow();
    }

    static Optional<FileId> photoOnCard(String client) {
        return Optional.ofNullable(e.contacts.photos.get(contact(client)));
    }

    static byte[] bytes(FileId id) throws IOException {
        try (InputStream in = e.files.open(id)) {
            return in.readAllBytes();
        }
    }

    static long queuedFor(String client) {
        return e.count("select count(*) from profile_fetch where contact_id = " + contact(client).value());
    }

    // ---------------------------------------------------------------------------------------------- tests

    @Test
    void CARD2_aNewClientsPhotoIsFetchedAfterTheMessageAndSetOnTheCard() throws IOException {
        String anna = client("anna");
        RemoteFile photo = photo("anna-1", JPEG);
        writes(anna, ClientProfile.named("Anna", "K").withPhoto(photo));
        assertThat(connector.fetched).as("never before the message is committed and answered").isEmpty();
        assertThat(photoOnCard(anna)).isEmpty();

        e.fetches.scan();

        assertThat(connector.fetched).containsExactly(photo.ref());
        assertThat(photoOnCard(anna)).hasValueSatisfying(id -> {
            assertThat(e.files.claimed).contains(id.value());
            assertThat(e.files.find(id)).hasValueSatisfying(f -> assertThat(f.contentType()).isEqualTo("image/jpeg"));
        });
        assertThat(bytes(photoOnCard(anna).get())).isEqualTo(JPEG);
        assertThat(connector.asked).as("the message had a photo: no need to ask").isEmpty();
    }

    @Test
    void CARD2_theSamePhotoIsFetchedOnceAndANewOneReplacesIt() {
        String boris = client("boris");
        writes(boris, ClientProfile.named("Boris", null).withPhoto(photo("boris-1", JPEG)));
        e.fetches.scan();
        FileId first = photoOnCard(boris).orElseThrow();
        connector.fetched.clear();

        // the platform names the same photo by a new reference (Telegram's file_id changes, its unique id does not)
        writes(boris, ClientProfile.named("Boris", null).withPhoto(photo("boris-1", JPEG)));
        e.fetches.scan();
        assertThat(connector.fetched).isEmpty();
        assertThat(photoOnCard(boris)).contains(first);

        RemoteFile newer = photo("boris-2", OTHER_JPEG);
        e.ingress.apply(new InboundEvent.ProfileChanged(e.connection.id(), boris,
                ClientProfile.named("Boris", null).withPhoto(newer), e.clock.instant()));
        e.fetches.scan();
        assertThat(connector.fetched).containsExactly(newer.ref());
        assertThat(photoOnCard(boris)).hasValueSatisfying(id -> assertThat(id).isNotEqualTo(first));
    }

    @Test
    void CARD2_aNewClientWithoutAPhotoIsAskedForOnce() {
        String vera = client("vera");
        RemoteFile photo = photo("vera-1", JPEG);
        e.channel.profile = Optional.of(ClientProfile.named("Vera", "Lind").withPhoto(photo));
        writes(vera, ClientProfile.named("Vera", null));
        e.fetches.scan();
        assertThat(connector.asked).containsExactly(vera);
        assertThat(connector.fetched).containsExactly(photo.ref());
        assertThat(photoOnCard(vera)).isPresent();
        assertThat(e.contacts.profile(contact(vera))).hasValueSatisfying(p ->
                assertThat(p.displayName()).as("the names the platform told").isEqualTo("Vera Lind"));

        writes(vera, ClientProfile.named("Vera", null));
        e.clock.advance(Duration.ofHours(1));
        e.fetches.scan();
        assertThat(connector.asked).as("once per client").containsExactly(vera);
    }

    @Test
    void CARD2_aPhotoTheProfileQuestionBroughtIsNotFetchedAgainWhenAMessageCarriesIt() {
        String gleb = client("gleb");
        e.channel.profile = Optional.of(ClientProfile.named("Gleb", null).withPhoto(photo("gleb-1", JPEG)));
        writes(gleb, ClientProfile.named("Gleb", null));
        e.fetches.scan();
        FileId shown = photoOnCard(gleb).orElseThrow();
        connector.fetched.clear();

        writes(gleb, ClientProfile.named("Gleb", null).withPhoto(photo("gleb-1", JPEG)));
        e.fetches.scan();
        assertThat(connector.fetched).as("the same photo, known by its key").isEmpty();
        assertThat(photoOnCard(gleb)).contains(shown);
    }

    @Test
    void CARD2_aRedeliveredFirstMessageQueuesNothingNew() {
        String dana = client("dana");
        writes(dana, dana + "-first", ClientProfile.named("Dana", null));
        long queued = queuedFor(dana);
        assertThat(queued).isEqualTo(1);
        writes(dana, dana + "-first", ClientProfile.named("Dana", null).withPhoto(photo("dana-1", JPEG)));
        assertThat(queuedFor(dana)).isEqualTo(queued);
        e.fetches.scan();
        assertThat(connector.asked).containsExactly(dana);
        assertThat(connector.fetched).isEmpty();
    }

    @Test
    void CARD2_aClientWithNoPhotoAtThePlatformKeepsACardWithout() {
        String egor = client("egor");
        writes(egor, ClientProfile.named("Egor", null));
        e.fetches.scan();
        assertThat(connector.asked).containsExactly(egor);
        assertThat(photoOnCard(egor)).isEmpty();
        assertThat(e.db.rows("select state from profile_fetch where contact_id = " + contact(egor).value()))
                .containsExactly(List.of("DONE"));
    }

    @Test
    void CARD2_aSlowPlatformIsAskedForThePhotoAgainLater() {
        String fedor = client("fedor");
        RemoteFile photo = photo("fedor-1", JPEG);
        e.channel.failFetches = 1;
        writes(fedor, ClientProfile.named("Fedor", null).withPhoto(photo));
        e.fetches.scan();
        assertThat(photoOnCard(fedor)).isEmpty();
        e.clock.advance(Duration.ofSeconds(5));
        e.fetches.scan();
        assertThat(photoOnCard(fedor)).isPresent();
        assertThat(connector.fetched).containsExactly(photo.ref(), photo.ref());
    }

    @Test
    void CARD6_theContactsAClientGaveReachTheCardWithAMessageAndWithAProfileChange() {
        String nina = client("nina");
        writes(nina, ClientProfile.named("Nina", null)
                .withContacts(Optional.of("nina@shop.ru"), Optional.of("+7 912 345-67-89")));
        assertThat(e.contacts.profile(contact(nina))).hasValueSatisfying(p -> {
            assertThat(p.email()).contains("nina@shop.ru");
            assertThat(p.phone()).contains("+7 912 345-67-89");
        });

        e.ingress.apply(new InboundEvent.ProfileChanged(e.connection.id(), nina, ClientProfile.named("Nina", null)
                .withContacts(Optional.of("nina.p@shop.ru"), Optional.empty()), e.clock.instant()));
        assertThat(e.contacts.profile(contact(nina))).hasValueSatisfying(p -> {
            assertThat(p.email()).contains("nina.p@shop.ru");
            assertThat(p.phone()).isEmpty();
        });
    }

    @Test
    void CARD6_contactsThePlatformToldWhenAskedReachTheCardWithoutNames() {
        String oleg = client("oleg");
        e.channel.profile = Optional.of(new ClientProfile(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("+7 912 000-00-01")));
        writes(oleg, ClientProfile.named("Oleg", null));
        e.fetches.scan();
        assertThat(connector.asked).containsExactly(oleg);
        assertThat(e.contacts.profile(contact(oleg))).hasValueSatisfying(p ->
                assertThat(p.phone()).contains("+7 912 000-00-01"));
    }

    @Test
    void CARD2_aProfileChangeOfAClientNeverSeenQueuesNothing() {
        long before = e.count("select count(*) from profile_fetch");
        e.ingress.apply(new InboundEvent.ProfileChanged(e.connection.id(), "stranger",
                ClientProfile.named("Who", null).withPhoto(photo("stranger-1", JPEG)), e.clock.instant()));
        assertThat(e.count("select count(*) from profile_fetch")).isEqualTo(before);
    }

    @Test
    void CARD2_photosWaitWhileTheChannelIsAway() {
        String irina = client("irina");
        RemoteFile photo = photo("irina-1", JPEG);
        writes(irina, ClientProfile.named("Irina", null).withPhoto(photo));
        e.registry.remove(connector);
        e.fetches.scan();
        assertThat(photoOnCard(irina)).isEmpty();
        e.registry.add(connector);
        e.fetches.scan();
        assertThat(photoOnCard(irina)).isPresent();
    }
}
