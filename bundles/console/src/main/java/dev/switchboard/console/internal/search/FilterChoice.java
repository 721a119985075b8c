package dev.switchboard.console.internal.search;

import dev.switchboard.api.card.ContactFilter;
import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.TagId;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * What the viewer picked in the Filters mode of the Search tab (INB-7), days as days: it becomes a
 * {@link ContactFilter} only with the viewer's time zone.
 *
 * @param chains automessage chain keys (CARD-5)
 */
public record FilterChoice(Set<String> stages, Set<TagId> tags, Set<String> chains, Set<Long> tools, Optional<GroupId> group,
                           Optional<MemberId> responsible, Optional<LocalDate> firstContactFrom,
                           Optional<LocalDate> firstContactTo, Optional<LocalDate> lastActivityFrom,
                           Optional<LocalDate> lastActivityTo) {
    public FilterChoice {
        stages = Set.copyOf(stages);
        tags = Set.copyOf(tags);
        chains = Set.copyOf(chains);
        tools = Set.copyOf(tools);
    }

    public static FilterChoice none() {
        return new FilterChoice(Set.of(), Set.of(), Set.of(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isEmpty() {
        return equals(none());
    }

    /** The filter as the search service reads it: every criterion picked must hold. */
    public ContactFilter toFilter(ZoneId zone) {
        return new ContactFilter(stages, tags, chains, tools, group, responsible,
                DayRange.of(firstContactFrom, firstContactTo, zone),
                DayRange.of(lastActivityFrom, lastActivityTo, zone));
    }
}
