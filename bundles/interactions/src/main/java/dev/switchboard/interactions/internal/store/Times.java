package dev.switchboard.interactions.internal.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Jakarta Persistence 3.1 has no Instant mapping; times are stored as UTC offsets, cut to what both engines keep. */
public final class Times {

    private Times() {
    }

    public static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
