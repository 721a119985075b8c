package dev.switchboard.console.internal.search;

import dev.switchboard.api.card.DateRange;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Turns the days a viewer picks into the instants a {@link DateRange} holds (INB-7 filters): both days count
 * whole, in the viewer's time zone, so "from 3 March to 5 March" runs from the start of 3 March to the start of
 * 6 March there. Days picked the wrong way round are read as the range between them.
 */
public final class DayRange {

    private DayRange() {
    }

    /** Empty when neither day is picked. */
    public static Optional<DateRange> of(Optional<LocalDate> from, Optional<LocalDate> to, ZoneId zone) {
        if (from.isEmpty() && to.isEmpty()) {
            return Optional.empty();
        }
        Optional<LocalDate> first = from;
        Optional<LocalDate> last = to;
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            first = to;
            last = from;
        }
        return Optional.of(new DateRange(first.map(day -> day.atStartOfDay(zone).toInstant()),
                last.map(day -> day.plusDays(1).atStartOfDay(zone).toInstant())));
    }
}
