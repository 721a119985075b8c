package dev.switchboard.api.chat;

import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.domain.RequestId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A contact's chats and requests, for the client card and search (CARD-7, CARD-9, INB-7, TEAM-5/6). Lists hold
 * only chats the viewer may read (TEAM-7), of the viewer's project only: a contact of another project is answered as
 * one that does not exist (no chats, no requests, not editable), a request of another project is
 * {@link dev.switchboard.api.error.NotFound} (issue 12).
 */
public interface ContactChats {

    /** The contact's chats the viewer may read, newest activity first. */
    List<ChatSummary> chats(ContactId contact, MemberId viewer);

    /** The same for several contacts at once (search results); contacts without readable chats are absent. */
    Map<ContactId, List<ChatSummary>> chats(Collection<ContactId> contacts, MemberId viewer);

    /**
     * Whether the member may edit the contact's card: the responsible or a participant of one of its chats, or
     * an owner or admin of the project (TEAM-1, TEAM-5/6).
     */
    boolean mayEditCard(ContactId contact, MemberId member);

    /** Every request of the contact's readable chats, newest first (CARD-7, CARD-9). */
    List<RequestSummary> requests(ContactId contact, MemberId viewer);

    /** The part of the history a request spans, oldest first, keyset-paged. */
    Page<Message> requestHistory(RequestId request, MemberId viewer, Optional<String> after, int size);

    /**
     * Writes a system message about the card into each of the contact's chats, in one transaction, and posts
     * {@link ChatEvents#MESSAGE_ADDED} after commit (MSG-4: status, tags, subscriptions). For the card bundle, after
     * its own checks; an event that names the member who caused it goes into the chats of that member's project only.
     */
    void recordCardEvent(ContactId contact, SystemEvent event);

    /**
     * Moves every chat of {@code other} to {@code survivor} with its whole history and writes
     * {@link SystemEvent.ContactsMerged} into each chat of the survivor (contact merge). For the card bundle, after its
     * own checks; either contact having a chat outside the actor's project is
     * {@link dev.switchboard.api.error.NotFound}, and nothing moves.
     */
    void moveChats(ContactId other, ContactId survivor, MemberId actor, String otherName);
}
