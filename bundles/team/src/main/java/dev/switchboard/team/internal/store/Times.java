package dev.switchboard.team.internal.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Jakarta Persistence 3.1 (EclipseLink 4.0) has no Instant mapping: entities keep times as UTC offsets. */
final class Times {

    private Times() {
    }

    static OffsetDateTime utc(Instant at) {
        // PostgreSQL keeps microseconds: truncate so that what we return is what a later read returns.
        return at.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
