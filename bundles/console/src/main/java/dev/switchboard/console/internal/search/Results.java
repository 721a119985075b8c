package dev.switchboard.console.internal.search;

import dev.switchboard.api.domain.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The results of the query shown now, page after page (INB-7). Every new query starts a new round; a page fetched
 * for an earlier round is dropped, so a late answer to an old query (or "More" pressed on results that were
 * already replaced) never mixes into the results of the newer one. Used on one UI's thread only.
 *
 * @param <T> one result
 */
public final class Results<T> {

    private final List<T> items = new ArrayList<>();
    private Optional<String> next = Optional.empty();
    private Function<Optional<String>, Page<T>> query;
    private boolean fetched;
    private long round;

    /**
     * Forgets the results shown and starts a round for {@code query}, which fetches one page after a cursor (empty
     * for the first page). Returns the round, for {@link #fetch}.
     */
    public long start(Function<Optional<String>, Page<T>> query) {
        reset();
        this.query = query;
        return round;
    }

    /** Forgets the results shown without a new query (nothing to search for). */
    public void clear() {
        reset();
    }

    private void reset() {
        round++;
        query = null;
        items.clear();
        next = Optional.empty();
        fetched = false;
    }

    public long round() {
        return round;
    }

    /**
     * Fetches the first page of the round, or the page after the last one fetched; returns the items it added, or
     * empty if {@code round} is no longer the current one (then nothing changes).
     */
    public Optional<List<T>> fetch(long round) {
        if (round != this.round || query == null) {
            return Optional.empty();
        }
        if (fetched && next.isEmpty()) {
            return Optional.of(List.of());
        }
        Page<T> page = query.apply(fetched ? next : Optional.empty());
        if (round != this.round) {
            // a newer query started while this one was being answered
            return Optional.empty();
        }
        fetched = true;
        items.addAll(page.items());
        next = page.next();
        return Optional.of(page.items());
    }

    public List<T> items() {
        return List.copyOf(items);
    }

    public boolean hasMore() {
        return next.isPresent();
    }
}
