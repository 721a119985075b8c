package dev.switchboard.chat.internal.contact;

import dev.switchboard.store.testing.PostgresDatabase;
import dev.switchboard.store.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class ContactChatsOnPostgresTest extends ContactChatsTests {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    @Override
    TestDatabase database() {
        return DB;
    }
}
