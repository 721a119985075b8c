package dev.switchboard.console.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.card.ContactFilter;
import dev.switchboard.api.card.DateRange;
import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.TagId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterChoiceTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void INB7_nothingPickedIsTheEmptyFilter() {
        assertThat(FilterChoice.none().isEmpty()).isTrue();
        assertThat(FilterChoice.none().toFilter(UTC)).isEqualTo(ContactFilter.none());
    }

    @Test
    void INB7_everyPickedCriterionReachesTheFilter() {
        FilterChoice choice = new FilterChoice(Set.of("lead", "client"), Set.of(new TagId(4), new TagId(5)),
                Set.of("welcome"), Set.of(7L), Optional.of(new GroupId(8)), Optional.of(new MemberId(9)),
                Optional.of(LocalDate.of(2026, 1, 10)), Optional.empty(), Optional.empty(),
                Optional.of(LocalDate.of(2026, 2, 1)));

        ContactFilter filter = choice.toFilter(UTC);

        assertThat(choice.isEmpty()).isFalse();
        assertThat(filter.stages()).containsExactlyInAnyOrder("lead", "client");
        assertThat(filter.tags()).containsExactlyInAnyOrder(new TagId(4), new TagId(5));
        assertThat(filter.chains()).containsExactly("welcome");
        assertThat(filter.tools()).containsExactly(7L);
        assertThat(filter.group()).contains(new GroupId(8));
        assertThat(filter.responsible()).contains(new MemberId(9));
        assertThat(filter.firstContact()).contains(new DateRange(
                Optional.of(Instant.parse("2026-01-10T00:00:00Z")), Optional.empty()));
        assertThat(filter.lastActivity()).contains(new DateRange(
                Optional.empty(), Optional.of(Instant.parse("2026-02-02T00:00:00Z"))));
    }

    @Test
    void INB7_aDayAloneMakesTheFilterNonEmpty() {
        FilterChoice choice = new FilterChoice(Set.of(), Set.of(), Set.of(), Set.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(LocalDate.of(2026, 1, 10)), Optional.empty(), Optional.empty());

        assertThat(choice.isEmpty()).isFalse();
    }

    @Test
    void INB7_restoredInAnotherProjectTheFiltersStayBehind_theTextAndModeCome() {
        FilterChoice tagged = new FilterChoice(Set.of(), Set.of(new TagId(4)), Set.of(), Set.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        SearchState state = new SearchState(new ProjectId(1), SearchState.Mode.FILTERS, "ivan", tagged);

        assertThat(state.in(new ProjectId(1))).isEqualTo(state);
        assertThat(state.in(new ProjectId(2)))
                .isEqualTo(new SearchState(new ProjectId(2), SearchState.Mode.FILTERS, "ivan", FilterChoice.none()));
    }
}
