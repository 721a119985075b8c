package dev.switchboard.console.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.card.DateRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DayRangeTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final LocalDate MARCH_3 = LocalDate.of(2026, 3, 3);
    private static final LocalDate MARCH_5 = LocalDate.of(2026, 3, 5);

    @Test
    void INB7_bothDaysCountWholeInTheViewersTimeZone() {
        DateRange range = DayRange.of(Optional.of(MARCH_3), Optional.of(MARCH_5), MOSCOW).orElseThrow();

        assertThat(range.from()).contains(Instant.parse("2026-03-02T21:00:00Z"));
        assertThat(range.to()).contains(Instant.parse("2026-03-05T21:00:00Z"));
        assertThat(range.contains(Instant.parse("2026-03-02T21:00:00Z"))).isTrue();
        assertThat(range.contains(Instant.parse("2026-03-05T20:59:59Z"))).isTrue();
        assertThat(range.contains(Instant.parse("2026-03-05T21:00:00Z"))).isFalse();
        assertThat(range.contains(Instant.parse("2026-03-02T20:59:59Z"))).isFalse();
    }

    @Test
    void INB7_oneDayIsAWholeDay() {
        DateRange range = DayRange.of(Optional.of(MARCH_3), Optional.of(MARCH_3), ZoneId.of("UTC")).orElseThrow();

        assertThat(range.from()).contains(Instant.parse("2026-03-03T00:00:00Z"));
        assertThat(range.to()).contains(Instant.parse("2026-03-04T00:00:00Z"));
    }

    @Test
    void INB7_eitherEndMayBeOpen() {
        assertThat(DayRange.of(Optional.of(MARCH_3), Optional.empty(), MOSCOW).orElseThrow())
                .isEqualTo(new DateRange(Optional.of(Instant.parse("2026-03-02T21:00:00Z")), Optional.empty()));
        assertThat(DayRange.of(Optional.empty(), Optional.of(MARCH_5), MOSCOW).orElseThrow())
                .isEqualTo(new DateRange(Optional.empty(), Optional.of(Instant.parse("2026-03-05T21:00:00Z"))));
    }

    @Test
    void INB7_noDaysNoRange() {
        assertThat(DayRange.of(Optional.empty(), Optional.empty(), MOSCOW)).isEmpty();
    }

    @Test
    void INB7_daysPickedTheWrongWayRoundAreTheRangeBetweenThem() {
        assertThat(DayRange.of(Optional.of(MARCH_5), Optional.of(MARCH_3), MOSCOW))
                .isEqualTo(DayRange.of(Optional.of(MARCH_3), Optional.of(MARCH_5), MOSCOW));
    }

    @Test
    void INB7_aDayWithADaylightSavingChangeStillEndsAtTheNextMidnight() {
        // Berlin moves its clocks forward on 29 March 2026: that day has 23 hours
        DateRange range = DayRange.of(Optional.of(LocalDate.of(2026, 3, 29)), Optional.of(LocalDate.of(2026, 3, 29)),
                ZoneId.of("Europe/Berlin")).orElseThrow();

        assertThat(range.from()).contains(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(range.to()).contains(Instant.parse("2026-03-29T22:00:00Z"));
    }
}
