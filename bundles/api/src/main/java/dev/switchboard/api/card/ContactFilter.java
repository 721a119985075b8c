package dev.switchboard.api.card;

import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.TagId;
import java.util.Optional;
import java.util.Set;

/**
 * The Filters mode of the Search tab (INB-7). Every criterion given must hold (they combine with AND); within a
 * set, any value matches (OR), except {@code tags}, where the contact must carry every tag listed.
 *
 * @param stages       funnel stage keys of the project's funnel
 * @param tags         the contact has all of these
 * @param chains       subscribed to any of these automessage chains (CARD-5)
 * @param tools        came through any of these acquisition tools (CARD-8a), by tool id
 * @param group        has a chat in this group
 * @param responsible  has a chat this member is responsible for
 * @param firstContact when the card was created (the first message)
 * @param lastActivity the last activity of any of the contact's chats
 */
public record ContactFilter(Set<String> stages, Set<TagId> tags, Set<String> chains, Set<Long> tools,
                            Optional<GroupId> group, Optional<MemberId> responsible,
                            Optional<DateRange> firstContact, Optional<DateRange> lastActivity) {
    public ContactFilter {
        stages = Set.copyOf(stages);
        tags = Set.copyOf(tags);
        chains = Set.copyOf(chains);
        tools = Set.copyOf(tools);
    }

    public static ContactFilter none() {
        return new ContactFilter(Set.of(), Set.of(), Set.of(), Set.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
