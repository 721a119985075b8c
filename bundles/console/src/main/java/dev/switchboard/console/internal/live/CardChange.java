package dev.switchboard.console.internal.live;

import dev.switchboard.api.card.CardEvents;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.ProjectId;
import java.util.Optional;

/**
 * One event of the card bundle as the console's pages see it (a {@link CardEvents} topic with its properties).
 *
 * @param contact the card that changed, or the survivor of a merge; empty for a catalogue change
 * @param merged  the card removed by a merge
 */
public record CardChange(String topic, ProjectId project, Optional<ContactId> contact, Optional<ContactId> merged) {

    /** The project's tag catalogue or funnel changed: every card shown may show other names or colours. */
    public boolean catalogueChanged() {
        return CardEvents.CATALOGUE_CHANGED.equals(topic);
    }

    public boolean isMerge() {
        return CardEvents.MERGED.equals(topic);
    }

    /** Whether a page showing {@code shown} must read it again. */
    public boolean concerns(ContactId shown) {
        return catalogueChanged() || contact.equals(Optional.of(shown)) || merged.equals(Optional.of(shown));
    }
}
