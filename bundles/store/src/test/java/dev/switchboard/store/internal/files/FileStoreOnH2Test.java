package dev.switchboard.store.internal.files;

import dev.switchboard.store.testing.H2FileDatabase;
import dev.switchboard.store.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class FileStoreOnH2Test extends FileStoreContract {

    @RegisterExtension
    static final H2FileDatabase DB = new H2FileDatabase();

    @Override
    TestDatabase db() {
        return DB;
    }
}
