package dev.switchboard.chat.internal.contact;

import dev.switchboard.store.testing.H2FileDatabase;
import dev.switchboard.store.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class ContactChatsOnH2Test extends ContactChatsTests {

    @RegisterExtension
    static final H2FileDatabase DB = new H2FileDatabase();

    @Override
    TestDatabase database() {
        return DB;
    }
}
