package dev.switchboard.card.internal.service;

import dev.switchboard.store.testing.H2FileDatabase;
import dev.switchboard.store.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's photo (CARD-2) on the embedded H2 default: the same answers as on PostgreSQL. */
class PhotosOnH2Test extends PhotoContract {

    @RegisterExtension
    static final H2FileDatabase DB = new H2FileDatabase();

    @Override
    TestDatabase db() {
        return DB;
    }
}
