package dev.switchboard.card.internal.search;

import dev.switchboard.store.testing.H2FileDatabase;
import dev.switchboard.store.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same search on the embedded H2 default: plain LIKE, no trigram index, the same answers. */
class ContactSearchOnH2Test extends ContactSearchContract {

    @RegisterExtension
    static final H2FileDatabase DB = new H2FileDatabase();

    @Override
    TestDatabase db() {
        return DB;
    }
}
