package dev.switchboard.team.internal.auth;

import dev.switchboard.api.store.Database;
import dev.switchboard.store.testing.H2FileDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared login throttle on the embedded H2 default (issue 12). */
class LoginThrottleOnH2Test extends LoginThrottleSharedContract {

    @RegisterExtension
    static final H2FileDatabase DB = new H2FileDatabase();

    @Override
    Database database() {
        return DB.database();
    }
}
