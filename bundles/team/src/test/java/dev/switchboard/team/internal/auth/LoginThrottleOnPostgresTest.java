package dev.switchboard.team.internal.auth;

import dev.switchboard.api.store.Database;
import dev.switchboard.store.testing.PostgresDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared login throttle on PostgreSQL, production's database (issue 12). */
class LoginThrottleOnPostgresTest extends LoginThrottleSharedContract {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    @Override
    Database database() {
        return DB.database();
    }
}
