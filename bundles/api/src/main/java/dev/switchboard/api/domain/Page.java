package dev.switchboard.api.domain;

import java.util.List;
import java.util.Optional;

/**
 * One page of a keyset-paged listing.
 *
 * @param items the items of this page, in listing order
 * @param next  the cursor that fetches the page after this one; empty on the last page
 */
public record Page<T>(List<T> items, Optional<String> next) {
    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, Optional.empty());
    }
}
