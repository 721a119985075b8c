package dev.switchboard.api.card;

import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.ProjectId;
import java.util.Optional;

/**
 * Finds and creates contacts for the ingress (CARD-1, CARD-2). Idempotent: calling it again for the same
 * identity returns the same contact, also when two first messages of a new client race.
 */
public interface ContactDirectory {

    /**
     * The contact of this identity, created with the profile's names and photo if new. For a known contact,
     * names and photo the channel now reports differently are refreshed, except those a manager has edited.
     * A new contact starts at the first stage of the project's funnel.
     */
    ContactId identify(ProjectId project, ConnectionId connection, String externalUserId, ClientProfile profile);

    Optional<ContactId> find(ConnectionId connection, String externalUserId);
}
