package dev.switchboard.store;

import dev.switchboard.api.error.NotAllowed;
import dev.switchboard.api.store.Database;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreException;
import dev.switchboard.api.store.UnitSpec;
import dev.switchboard.store.fixture.Note;
import dev.switchboard.store.fixture.NotesUnit;
import dev.switchboard.store.internal.StoreDatabase;
import dev.switchboard.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the store promises, run once per engine: the subclasses differ only in the database they start.
 * Tests in a class share one database, so each writes notes with texts of its own.
 */
abstract class StoreContract {

    abstract TestDatabase db();

    PersistenceUnit notes() {
        return db().database().open(NotesUnit.notes());
    }

    String vendor() {
        return db().database().dialect().name().toLowerCase(Locale.ROOT);
    }

    long notesWithText(String text) {
        return notes().read((em, tx) -> em.createQuery("select count(n) from Note n where n.text = :text", Long.class)
                .setParameter("text", text).getSingleResult());
    }

    List<String> appliedScripts(String unit) {
        return db().rows("select script from " + unit + "_schema_history where success and type = 'SQL' "
                + "order by installed_rank").stream().map(row -> (String) row.get(0)).toList();
    }

    @Test
    void migrationsOfEachOwnerAreRecordedInItsOwnHistoryTable() {
        notes();
        db().database().open(NotesUnit.tags());

        assertThat(appliedScripts("notes")).containsExactly("V1__notes.sql", "V2__engine_marker.sql");
        assertThat(appliedScripts("tags")).containsExactly("V1__tags.sql");
        assertThat(db().tableExists("note")).isTrue();
        assertThat(db().tableExists("tag")).isTrue();
    }

    @Test
    void vendorFolderRunsOnlyOnItsOwnEngine() {
        notes();

        assertThat(db().rows("select engine from engine_marker")).containsExactly(List.of(vendor()));
    }

    @Test
    void reopeningAppliesOnlyScriptsAddedSince(@TempDir Path owner) throws IOException {
        Path common = Files.createDirectories(owner.resolve("db/migration/evolving/common"));
        Files.writeString(common.resolve("V1__first.sql"), "create table evolving_first (id bigint primary key);");
        UnitSpec spec = new UnitSpec("evolving", loaderOf(owner), List.of(), "db/migration/evolving");
        db().database().open(spec);
        List<List<Object>> firstRun = db().rows("select installed_rank, version, installed_on from "
                + "evolving_schema_history order by installed_rank");

        try (StoreDatabase restarted = db().openAnother()) {
            restarted.open(spec);
            assertThat(db().rows("select installed_rank, version, installed_on from evolving_schema_history "
                    + "order by installed_rank")).isEqualTo(firstRun);

            Files.writeString(common.resolve("V2__second.sql"), "create table evolving_second (id bigint primary key);");
            restarted.open(spec);
        }

        List<List<Object>> history = db().rows("select installed_rank, version, installed_on from "
                + "evolving_schema_history order by installed_rank");
        assertThat(appliedScripts("evolving")).containsExactly("V1__first.sql", "V2__second.sql");
        assertThat(history).hasSize(firstRun.size() + 1);
        assertThat(history.subList(0, firstRun.size())).isEqualTo(firstRun);
        assertThat(db().tableExists("evolving_second")).isTrue();
    }

    @Test
    void committedWorkIsSeenByLaterTransactions() {
        Long id = notes().inTransaction((em, tx) -> {
            Note note = new Note("committed");
            em.persist(note);
            em.flush();
            return note.id();
        });

        assertThat(notes().<String>read((em, tx) -> em.find(Note.class, id).text())).isEqualTo("committed");
    }

    @Test
    void anyExceptionRollsBackAndReachesTheCallerUnchanged() {
        IllegalStateException bug = new IllegalStateException("bug in the caller");

        assertThatThrownBy(() -> notes().inTransaction((em, tx) -> {
            em.persist(new Note("rolled back"));
            em.flush();
            throw bug;
        })).isSameAs(bug);
        assertThat(notesWithText("rolled back")).isZero();
    }

    @Test
    void domainErrorPassesThroughUnchangedAndNothingIsWritten() {
        NotAllowed refused = new NotAllowed("write notes");

        assertThatThrownBy(() -> notes().inTransaction((em, tx) -> {
            em.persist(new Note("refused"));
            em.flush();
            throw refused;
        })).isSameAs(refused);
        assertThat(notesWithText("refused")).isZero();
    }

    @Test
    void afterCommitActionsRunInOrderOnceTheChangeIsVisible() {
        List<String> seen = new CopyOnWriteArrayList<>();

        notes().inTransaction((em, tx) -> {
            em.persist(new Note("announced"));
            tx.afterCommit(() -> seen.add("first sees " + notesWithText("announced")));
            tx.afterCommit(() -> seen.add("second"));
            assertThat(seen).isEmpty();
            return null;
        });

        assertThat(seen).containsExactly("first sees 1", "second");
    }

    @Test
    void afterCommitActionsNeverRunWhenTheTransactionRollsBack() {
        List<String> seen = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> notes().inTransaction((em, tx) -> {
            tx.afterCommit(() -> seen.add("ran"));
            throw new NotAllowed("anything");
        })).isInstanceOf(NotAllowed.class);
        notes().read((em, tx) -> {
            tx.afterCommit(() -> seen.add("ran after a read"));
            return null;
        });

        assertThat(seen).isEmpty();
    }

    @Test
    void failingAfterCommitActionDoesNotStopTheOthersNorUndoTheCommit() {
        List<String> seen = new CopyOnWriteArrayList<>();

        String result = notes().inTransaction((em, tx) -> {
            em.persist(new Note("kept despite a listener"));
            tx.afterCommit(() -> {
                throw new IllegalStateException("listener failed");
            });
            tx.afterCommit(() -> seen.add("second"));
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(seen).containsExactly("second");
        assertThat(notesWithText("kept despite a listener")).isOne();
    }

    @Test
    void readNeverKeepsWhatItWrote() {
        notes().read((em, tx) -> {
            em.persist(new Note("read only"));
            em.flush();
            return null;
        });

        assertThat(notesWithText("read only")).isZero();
    }

    @Test
    void constraintViolationIsAStoreErrorWithoutSql() {
        notes().inTransaction((em, tx) -> {
            em.persist(new Note("unique"));
            return null;
        });

        assertThatThrownBy(() -> notes().inTransaction((em, tx) -> {
            em.persist(new Note("unique"));
            return null;
        }))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("'notes'")
                .hasMessageContaining("23505")
                .satisfies(e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT))
                        .doesNotContain("insert", "note_text_unique", "values"));
        assertThat(notesWithText("unique")).isOne();
    }

    @Test
    void unitsAreClosedWithTheStore() {
        PersistenceUnit unit;
        try (StoreDatabase another = db().openAnother()) {
            unit = another.open(NotesUnit.notes());
            assertThat(unit.<Integer>read((em, tx) -> 1)).isEqualTo(1);
        }

        assertThatThrownBy(() -> unit.read((em, tx) -> 1)).isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void failedMigrationIsAStoreErrorThatNamesTheUnitButNoSql() {
        Database database = db().database();

        assertThatThrownBy(() -> database.open(NotesUnit.broken()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("'broken'")
                .hasCauseInstanceOf(RuntimeException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("no_such_table", "insert"));
        assertThat(db().tableExists("good_table")).isTrue();
    }

    static ClassLoader loaderOf(Path root) throws IOException {
        return new URLClassLoader(new URL[]{root.toUri().toURL()}, StoreContract.class.getClassLoader());
    }
}
