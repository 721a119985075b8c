package dev.switchboard.card.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.testing.PostgresDatabase;
import dev.switchboard.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The search on PostgreSQL, where migration V10 adds the trigram index. */
class ContactSearchOnPostgresTest extends ContactSearchContract {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Test
    void INB7_theSubstringSearchHasATrigramIndex() {
        assertThat(DB.rows("select indexdef from pg_indexes where indexname = 'contact_search_trgm_ix'"))
                .singleElement().asString().contains("gin_trgm_ops");
    }
}
