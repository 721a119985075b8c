package dev.switchboard.api.card;

import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.ProjectId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A client card as one member sees it (CARD-1..6).
 *
 * @param photo      the client's photo from the channel's profile, as stored in the blob store (CARD-2)
 * @param personal   names and personal information; names come from the channel until a manager edits them
 * @param status     the funnel status, empty when none was set and the project has no funnel
 * @param tags       by name
 * @param editable   whether the viewer may edit this card (TEAM-5/6)
 * @param version    the card's version: pass it back with an edit; a card changed since gives a Conflict
 */
public record Card(ContactId id, ProjectId project, PersonalInfo personal, Optional<FileId> photo,
                   Optional<Status> status, List<Tag> tags, List<Subscription> subscriptions,
                   List<Identity> identities, Instant createdAt, boolean editable, long version) {
    public Card {
        tags = List.copyOf(tags);
        subscriptions = List.copyOf(subscriptions);
        identities = List.copyOf(identities);
    }

    /** "First Last", or what there is of it, or "?". */
    public String displayName() {
        return ContactHit.displayName(personal.firstName(), personal.lastName());
    }
}
