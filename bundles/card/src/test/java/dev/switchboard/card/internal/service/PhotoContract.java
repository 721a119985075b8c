package dev.switchboard.card.internal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.card.Card;
import dev.switchboard.api.card.CardEvents;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.RemoteFile;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.api.team.Member;
import dev.switchboard.store.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The client's photo (CARD-2) on PostgreSQL and on the embedded H2: the card shows a file of the blob store that the
 * ingress hands over through {@code setPhoto}, never the platform's address (which may carry a bot token), and
 * removes a photo from the store once no card shows it. Before the card unit is migrated, a card of the previous
 * schema is written with a platform address, so that the migration's clearing of it is seen too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PhotoContract {

    private static final String TOKEN_URL = "https://api.telegram.org/file/bot123456:SECRET-TOKEN/photos/file_9.jpg";
    private static final long LEGACY_CONTACT = 7;
    private static final ProjectId LEGACY_PROJECT = new ProjectId(9_000_001);

    private World w;

    abstract TestDatabase db();

    @BeforeAll
    void world() throws SQLException {
        // the schema as the previous version left it (V1..V4), with a card showing the platform's photo address
        Flyway.configure().dataSource(db().jdbc()).table("card_schema_history")
                .locations("classpath:db/migration/card/common").target("4")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        try (Connection connection = db().jdbc().getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("insert into contact (id, project_id, first_name, photo_url, created_at, version)"
                    + " values (" + LEGACY_CONTACT + ", " + LEGACY_PROJECT.value() + ", 'Legacy', '" + TOKEN_URL
                    + "', current_timestamp, 1)");
        }
        w = new World(db());
        w.register(TestFunnel.standard());
    }

    private ClientProfile profileWithPhoto(String first, String last) {
        return ClientProfile.named(first, last).withPhoto(RemoteFile.of(TOKEN_URL));
    }

    private Card card(World.Team t, ContactId c) {
        return w.cards.card(c, t.owner().id());
    }

    private long changedEvents(ContactId c) {
        return w.events.topicsFor(c.value()).stream().filter(CardEvents.CHANGED::equals).count();
    }

    @Test
    void CARD2_migrationClearsThePlatformsPhotoAddresses() {
        assertThat(w.count("select count(*) from contact where photo_url is not null")).isZero();
        assertThat(w.db.rows("select first_name, photo_file_id from contact where id = " + LEGACY_CONTACT))
                .containsExactly(Arrays.asList("Legacy", null));
        Member owner = w.members.add(LEGACY_PROJECT, "legacy-owner", Role.OWNER);
        Card legacy = w.cards.card(new ContactId(LEGACY_CONTACT), owner.id());
        assertThat(legacy.displayName()).isEqualTo("Legacy");
        assertThat(legacy.photo()).isEmpty();
    }

    @Test
    void CARD2_identifyReadsTheNamesOnlyNeverTheProfilesPhoto() {
        World.Team t = w.team();
        ContactId c = w.directory.identify(t.project(), t.connection(), "p1", profileWithPhoto("Pavel", "New"));
        assertThat(card(t, c).photo()).isEmpty();
        StoredFile fetched = w.files.photo(t.project());
        w.directory.setPhoto(c, fetched.id());
        long version = card(t, c).version();
        long changed = changedEvents(c);

        // the same names with another photo: nothing to write, the stored photo stays
        w.directory.identify(t.project(), t.connection(), "p1", ClientProfile.named("Pavel", "New")
                .withPhoto(RemoteFile.of("https://cdn.example/other.jpg")));
        Card after = card(t, c);
        assertThat(after.photo()).contains(fetched.id());
        assertThat(after.version()).isEqualTo(version);
        assertThat(changedEvents(c)).isEqualTo(changed);
        // the platform's address is stored nowhere
        assertThat(w.count("select count(*) from contact where photo_url is not null")).isZero();
    }

    @Test
    void CARD2_setPhotoShowsTheStoredFileWithoutDisturbingAManagersEdit() {
        World.Team t = w.team();
        ContactId c = w.client(t, "p2", "Olga", null);
        Card seenByManager = card(t, c);
        long changed = changedEvents(c);
        StoredFile photo = w.files.photo(t.project());

        w.directory.setPhoto(c, photo.id());

        assertThat(card(t, c).photo()).contains(photo.id());
        assertThat(changedEvents(c)).isEqualTo(changed + 1);
        // the photo arrived while the manager was typing: their save is not a conflict, and keeps the photo
        Card edited = w.cards.edit(c, t.owner().id(), CardOnPostgresTest.info("Olga", "Edited", null, null),
                seenByManager.version());
        assertThat(edited.personal().lastName()).contains("Edited");
        assertThat(edited.photo()).contains(photo.id());
        assertThat(w.files.deleted).doesNotContain(photo.id());
    }

    @Test
    void CARD2_aNewPhotoReplacesTheOldOneAndRemovesItFromTheStore() {
        World.Team t = w.team();
        ContactId c = w.client(t, "p3", "Ivan", null);
        StoredFile first = w.files.photo(t.project());
        StoredFile second = w.files.photo(t.project());
        w.directory.setPhoto(c, first.id());

        w.directory.setPhoto(c, second.id());

        assertThat(card(t, c).photo()).contains(second.id());
        assertThat(w.files.exists(first.id())).isFalse();
        assertThat(w.files.exists(second.id())).isTrue();
        // the same photo again changes nothing and removes nothing
        long changed = changedEvents(c);
        w.directory.setPhoto(c, second.id());
        assertThat(card(t, c).photo()).contains(second.id());
        assertThat(w.files.deleted).doesNotContain(second.id());
        assertThat(changedEvents(c)).isEqualTo(changed);
    }

    @Test
    void CARD2_aFileOfAnotherProjectAnUnknownFileOrNoImageIsRefused() {
        World.Team t = w.team();
        World.Team other = w.team();
        ContactId c = w.client(t, "p4", "Nina", null);
        StoredFile shown = w.files.photo(t.project());
        w.directory.setPhoto(c, shown.id());
        StoredFile foreign = w.files.photo(other.project());
        StoredFile document = w.files.document(t.project());

        // issue 12: a file of another project is not found, exactly as one that does not exist
        for (FileId unknown : List.of(foreign.id(), new FileId(987_654_321))) {
            assertThatThrownBy(() -> w.directory.setPhoto(c, unknown)).isInstanceOf(NotFound.class);
        }
        assertThatThrownBy(() -> w.directory.setPhoto(c, document.id()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("photo"));

        assertThat(card(t, c).photo()).contains(shown.id());
        assertThat(w.files.exists(shown.id())).isTrue();
        assertThat(w.files.exists(foreign.id())).isTrue();
        assertThat(w.files.deleted).doesNotContain(shown.id(), foreign.id(), document.id());
    }

    @Test
    void CARD2_photoOfAnUnknownContactIsNotFound() {
        World.Team t = w.team();
        StoredFile photo = w.files.photo(t.project());
        assertThatThrownBy(() -> w.directory.setPhoto(new ContactId(987_654_321), photo.id()))
                .isInstanceOf(NotFound.class);
        // also before the file is looked at: an unknown contact is said first
        assertThatThrownBy(() -> w.directory.setPhoto(new ContactId(987_654_321), new FileId(987_654_321)))
                .isInstanceOf(NotFound.class);
        assertThat(w.files.exists(photo.id())).isTrue();
    }

    @Test
    void CARD2_aStoreThatCannotRemoveTheOldPhotoDoesNotStopTheNewOne() {
        World.Team t = w.team();
        ContactId c = w.client(t, "p5", "Lena", null);
        StoredFile first = w.files.photo(t.project());
        StoredFile second = w.files.photo(t.project());
        w.directory.setPhoto(c, first.id());
        w.files.failDeletes = true;
        try {
            w.directory.setPhoto(c, second.id());
        } finally {
            w.files.failDeletes = false;
        }
        assertThat(card(t, c).photo()).contains(second.id());
        assertThat(w.files.deleted).contains(first.id());
        assertThat(w.files.exists(first.id())).isTrue();
    }

    @Test
    void CARD2_photosArrivingTogetherLeaveOneShownAndTheOthersRemoved() throws Exception {
        World.Team t = w.team();
        ContactId c = w.client(t, "p6", "Busy", null);
        int threads = 6;
        List<StoredFile> photos = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            photos.add(w.files.photo(t.project()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        try {
            for (StoredFile photo : photos) {
                results.add(pool.submit(() -> {
                    start.await();
                    w.directory.setPhoto(c, photo.id());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : results) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        FileId shown = card(t, c).photo().orElseThrow();
        // each replaced photo was removed: none is left behind in the store, shown by no card
        assertThat(photos).filteredOn(p -> w.files.exists(p.id())).extracting(StoredFile::id)
                .containsExactly(shown);
    }

    // ---------------------------------------------------------------------------------------------- merge

    @Test
    void CARD2_mergeSurvivorKeepsItsPhotoAndTheOthersIsRemoved() {
        World.Team t = w.team();
        ContactId survivor = w.client(t, "m1", "Anna", null);
        ContactId other = w.client(t, "m2", "Anya", null);
        StoredFile kept = w.files.photo(t.project());
        StoredFile dropped = w.files.photo(t.project());
        w.directory.setPhoto(survivor, kept.id());
        w.directory.setPhoto(other, dropped.id());

        Card merged = w.cards.merge(survivor, other, t.owner().id());

        assertThat(merged.photo()).contains(kept.id());
        assertThat(w.files.exists(kept.id())).isTrue();
        assertThat(w.files.exists(dropped.id())).isFalse();
    }

    @Test
    void CARD2_mergeSurvivorWithoutAPhotoTakesTheOthers() {
        World.Team t = w.team();
        ContactId survivor = w.client(t, "m3", "Oleg", null);
        ContactId other = w.client(t, "m4", "Oleg", "K");
        StoredFile photo = w.files.photo(t.project());
        w.directory.setPhoto(other, photo.id());

        Card merged = w.cards.merge(survivor, other, t.owner().id());

        assertThat(merged.photo()).contains(photo.id());
        assertThat(w.files.exists(photo.id())).isTrue();
        assertThat(w.files.deleted).doesNotContain(photo.id());
    }

    @Test
    void CARD2_aPhotoArrivingForACardBeingMergedNeverRemovesTheOneTheSurvivorShows() {
        World.Team t = w.team();
        ContactId survivor = w.client(t, "m5", "Vera", null);
        ContactId other = w.client(t, "m6", "Vera", "M");
        StoredFile taken = w.files.photo(t.project());
        w.directory.setPhoto(other, taken.id());
        // the merge stops after its first step: the survivor already shows the other card's photo
        w.chats.failNextMove = true;
        assertThatThrownBy(() -> w.cards.merge(survivor, other, t.owner().id()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(card(t, survivor).photo()).contains(taken.id());

        // a newer photo reaches the card being merged away: the file the survivor shows stays
        StoredFile late = w.files.photo(t.project());
        w.directory.setPhoto(other, late.id());
        assertThat(w.files.exists(taken.id())).isTrue();

        Card merged = w.cards.merge(survivor, other, t.owner().id());
        assertThat(merged.photo()).contains(taken.id());
        assertThat(w.files.exists(taken.id())).isTrue();
        assertThat(w.files.exists(late.id())).isFalse();
    }
}
