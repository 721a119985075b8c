package dev.switchboard.api.card;

import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.ProjectId;
import java.util.Optional;

/**
 * Finds and creates contacts for the ingress (CARD-1, CARD-2). Idempotent: calling it again for the same
 * identity returns the same contact, also when two first messages of a new client race.
 */
public interface ContactDirectory {

    /**
     * The contact of this identity, created with the profile's names if new. For a known contact, names the channel
     * now reports differently are refreshed, except those a manager has edited. A new contact starts at the first
     * stage of the project's funnel. The profile's photo is not read here: the ingress fetches it into the blob store
     * and calls {@link #setPhoto}.
     */
    ContactId identify(ProjectId project, ConnectionId connection, String externalUserId, ClientProfile profile);

    Optional<ContactId> find(ConnectionId connection, String externalUserId);

    /**
     * Shows {@code photo} (a claimed file of the contact's project) as the contact's photo (CARD-2) and removes the
     * photo it replaces from the blob store; posts {@link CardEvents#CHANGED}.
     *
     * @throws dev.switchboard.api.error.NotFound for an unknown contact
     */
    void setPhoto(ContactId contact, FileId photo);
}
