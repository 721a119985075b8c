package dev.switchboard.store;

import dev.switchboard.store.testing.H2FileDatabase;
import dev.switchboard.store.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class StoreOnH2Test extends StoreContract {

    @RegisterExtension
    static final H2FileDatabase DB = new H2FileDatabase();

    @Override
    TestDatabase db() {
        return DB;
    }
}
