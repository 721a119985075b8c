package dev.switchboard.store;

import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.store.fixture.Note;
import dev.switchboard.store.fixture.NotesUnit;
import dev.switchboard.store.testing.H2FileDatabase;
import dev.switchboard.store.testing.PostgresDatabase;
import dev.switchboard.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The id convention of the README: a sequence per entity with START WITH equal to the allocation size. */
class SequenceIdsTest {

    @RegisterExtension
    static final PostgresDatabase POSTGRESQL = new PostgresDatabase();

    @RegisterExtension
    static final H2FileDatabase H2 = new H2FileDatabase();

    @Test
    void idsStartAtOneAndAreTheSameOnBothEngines() {
        List<Long> onPostgresql = storeNotes(POSTGRESQL);
        List<Long> onH2 = storeNotes(H2);

        assertThat(onPostgresql).startsWith(1L, 2L, 3L).doesNotHaveDuplicates();
        assertThat(onH2).isEqualTo(onPostgresql);
    }

    /** Three notes in one transaction, then 60 more in another: the second block of 50 ids is used too. */
    private static List<Long> storeNotes(TestDatabase db) {
        PersistenceUnit notes = db.database().open(NotesUnit.notes());
        List<Long> ids = new ArrayList<>();
        ids.addAll(persist(notes, 0, 3));
        ids.addAll(persist(notes, 3, 63));
        // a restart loses the rest of the preallocated block; the next id comes from the next block
        ids.addAll(persist(db.reopen().open(NotesUnit.notes()), 63, 64));
        return ids;
    }

    private static List<Long> persist(PersistenceUnit notes, int from, int to) {
        return notes.inTransaction((em, tx) -> {
            List<Note> created = new ArrayList<>();
            for (int i = from; i < to; i++) {
                Note note = new Note("note " + i);
                em.persist(note);
                created.add(note);
            }
            em.flush();
            return created.stream().map(Note::id).toList();
        });
    }
}
