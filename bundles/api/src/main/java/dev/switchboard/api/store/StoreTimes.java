package dev.switchboard.api.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * How every owner bundle stores times: Jakarta Persistence 3.1 maps no {@link Instant}, so entities hold UTC
 * {@link OffsetDateTime}s cut to microseconds (what both PostgreSQL and H2 keep), and native queries read back
 * whatever temporal type the JDBC driver returns. A small static helper rather than an interface, because every
 * bundle with tables needs exactly this and nothing to vary.
 */
public final class StoreTimes {

    private StoreTimes() {
    }

    /** The column value for an instant; {@code null} stays {@code null}. */
    public static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** The instant of a temporal column value as an entity or a native query returns it; {@code null} stays. */
    public static Instant instant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (column instanceof Timestamp t) {
            return t.toInstant();
        }
        if (column instanceof Instant i) {
            return i;
        }
        if (column instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalArgumentException("not a time: " + column.getClass());
    }
}
