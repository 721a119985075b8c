package dev.switchboard.card.internal.service;

import dev.switchboard.store.testing.PostgresDatabase;
import dev.switchboard.store.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's photo (CARD-2) on PostgreSQL. */
class PhotosOnPostgresTest extends PhotoContract {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    @Override
    TestDatabase db() {
        return DB;
    }
}
