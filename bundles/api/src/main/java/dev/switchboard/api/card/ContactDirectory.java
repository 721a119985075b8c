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
 * <p>
 * For the core only (the ingress and its download job): no call names an acting member. What can be checked is
 * checked (issue 12): a connection that is unknown, deleted, or not of the project named is
 * {@link dev.switchboard.api.error.NotFound}, and a photo that is not a file of the contact's project is not found
 * either; nothing is written then.
 */
public interface ContactDirectory {

    /**
     * The contact of this identity, created with the profile's names if new. For a known contact, names the channel
     * now reports differently are refreshed, except those a manager has edited. A new contact starts at the first
     * stage of the project's funnel. The profile's photo is not read here: the ingress fetches it into the blob store
     * and calls {@link #setPhoto}.
     *
     * @throws dev.switchboard.api.error.NotFound for a connection that is unknown, deleted or of another project
     */
    ContactId identify(ProjectId project, ConnectionId connection, String externalUserId, ClientProfile profile);

    /** The contact of this identity; empty for an unknown identity, and on an unknown or deleted connection. */
    Optional<ContactId> find(ConnectionId connection, String externalUserId);

    /**
     * Shows {@code photo} (a claimed file of the contact's project) as the contact's photo (CARD-2) and removes the
     * photo it replaces from the blob store; posts {@link CardEvents#CHANGED}.
     *
     * @throws dev.switchboard.api.error.NotFound for an unknown contact, or a file that is not of its project
     */
    void setPhoto(ContactId contact, FileId photo);
}
