package dev.switchboard.store;

import dev.switchboard.store.fixture.NotesUnit;
import dev.switchboard.store.testing.PostgresDatabase;
import dev.switchboard.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class StoreOnPostgresqlTest extends StoreContract {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Test
    void failedMigrationLeavesNothingOfItselfBehind() {
        catchThrowable(() -> DB.database().open(NotesUnit.broken()));

        assertThat(DB.tableExists("half_done")).isFalse();
        assertThat(DB.rows("select version, success from broken_schema_history where type = 'SQL'"))
                .containsExactly(java.util.List.of("1", true));
    }
}
