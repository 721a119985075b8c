package dev.switchboard.api.card;

import java.time.Instant;
import java.util.Optional;

/** An inclusive-from, exclusive-to range of instants; either end may be open. */
public record DateRange(Optional<Instant> from, Optional<Instant> to) {
    public DateRange {
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("empty range: " + from.get() + " .. " + to.get());
        }
    }

    public boolean contains(Instant at) {
        return from.map(f -> !at.isBefore(f)).orElse(true) && to.map(at::isBefore).orElse(true);
    }
}
