package dev.switchboard.console.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.domain.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ResultsTest {

    private final Results<String> results = new Results<>();
    private final List<Optional<String>> asked = new ArrayList<>();

    /** Pages of {@code per} items out of {@code items}, the cursor being the index of the next item. */
    private Function<Optional<String>, Page<String>> pages(List<String> items, int per) {
        return after -> {
            asked.add(after);
            int from = after.map(Integer::parseInt).orElse(0);
            int to = Math.min(items.size(), from + per);
            return new Page<>(items.subList(from, to), to < items.size() ? Optional.of(Integer.toString(to))
                    : Optional.empty());
        };
    }

    @Test
    void INB7_moreAppendsTheNextPageUntilTheLast() {
        long round = results.start(pages(List.of("a", "b", "c", "d", "e"), 2));

        assertThat(results.fetch(round)).contains(List.of("a", "b"));
        assertThat(results.hasMore()).isTrue();
        assertThat(results.fetch(round)).contains(List.of("c", "d"));
        assertThat(results.fetch(round)).contains(List.of("e"));
        assertThat(results.hasMore()).isFalse();
        assertThat(results.items()).containsExactly("a", "b", "c", "d", "e");
        assertThat(asked).containsExactly(Optional.empty(), Optional.of("2"), Optional.of("4"));

        // past the last page nothing more is asked
        assertThat(results.fetch(round)).contains(List.of());
        assertThat(asked).hasSize(3);
    }

    @Test
    void INB7_anEmptyFirstPageIsAnAnswer_notARetry() {
        long round = results.start(pages(List.of(), 2));

        assertThat(results.fetch(round)).contains(List.of());
        assertThat(results.fetch(round)).contains(List.of());
        assertThat(asked).hasSize(1);
        assertThat(results.items()).isEmpty();
    }

    @Test
    void INB7_moreOnResultsOfAnOlderQueryChangesNothing() {
        long older = results.start(pages(List.of("a", "b", "c"), 2));
        results.fetch(older);
        long newer = results.start(pages(List.of("x", "y", "z"), 2));
        results.fetch(newer);

        assertThat(results.fetch(older)).isEmpty();
        assertThat(results.items()).containsExactly("x", "y");
    }

    @Test
    void INB7_anAnswerThatArrivesAfterANewerQueryStartedIsDropped() {
        Results<String> shared = results;
        long[] newer = new long[1];
        long older = shared.start(after -> {
            // while the old query is being answered, the viewer types on and a new query starts
            newer[0] = shared.start(pages(List.of("new"), 5));
            return Page.last(List.of("old"));
        });

        assertThat(shared.fetch(older)).isEmpty();
        assertThat(shared.items()).isEmpty();
        assertThat(shared.fetch(newer[0])).contains(List.of("new"));
        assertThat(shared.items()).containsExactly("new");
    }

    @Test
    void INB7_clearingForgetsTheResultsAndTheirRound() {
        long round = results.start(pages(List.of("a", "b", "c"), 2));
        results.fetch(round);

        results.clear();

        assertThat(results.items()).isEmpty();
        assertThat(results.hasMore()).isFalse();
        assertThat(results.fetch(round)).isEmpty();
    }
}
