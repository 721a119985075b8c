package dev.switchboard.store.internal.files;

import dev.switchboard.store.testing.PostgresDatabase;
import dev.switchboard.store.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class FileStoreOnPostgresqlTest extends FileStoreContract {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    @Override
    TestDatabase db() {
        return DB;
    }
}
