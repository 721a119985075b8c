package dev.switchboard.api.card;

import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.TagId;
import java.util.List;

/**
 * Reading and editing client cards (CARD-3..6). Any member of the contact's project may read a card; editing
 * needs the responsible or a participant of one of the contact's chats, or an owner or admin (TEAM-5/6), else
 * {@link dev.switchboard.api.error.NotAllowed}. Every change of status or tags writes a system message in the
 * contact's chats (MSG-4). Edits that replace values carry the version the editor saw: a card changed since
 * gives a {@link dev.switchboard.api.error.Conflict} and nothing is written.
 * <p>
 * A contact or tag of another project than the actor's is {@link dev.switchboard.api.error.NotFound}, as one that
 * does not exist, checked before anything of it is read or the actor's rights are asked (issue 12).
 */
public interface CardService {

    /** @throws dev.switchboard.api.error.NotFound for a contact outside the viewer's project */
    Card card(ContactId contact, MemberId viewer);

    /**
     * Replaces names and personal information after validating and normalising them.
     *
     * @throws dev.switchboard.api.error.InvalidInput naming the first bad field (email, phone, country, ...)
     */
    Card edit(ContactId contact, MemberId actor, PersonalInfo info, long expectedVersion);

    /** Sets the status to a stage of the project's current funnel. */
    Card setStatus(ContactId contact, MemberId actor, String stageKey, long expectedVersion);

    /** Adds a tag of the project's catalogue; adding a tag the card has changes nothing. */
    Card addTag(ContactId contact, MemberId actor, TagId tag);

    Card removeTag(ContactId contact, MemberId actor, TagId tag);

    /** Subscribes the client to an automessage chain by hand or by a chain's trigger (CARD-5). */
    Card subscribe(ContactId contact, MemberId actor, String chain, String chainName);

    Card unsubscribe(ContactId contact, MemberId actor, String chain);

    /** Other cards of the project that look like the same person: same phone, e-mail or Google client id. */
    List<ContactHit> duplicates(ContactId contact, MemberId viewer);

    /**
     * Merges {@code other} into {@code survivor}: identities, chats and their history, contact sources, tags and
     * subscriptions move to the survivor; the survivor's personal fields that are empty take the other's values;
     * the other card is removed; each chat gets a system message. Needs edit rights on both cards.
     */
    Card merge(ContactId survivor, ContactId other, MemberId actor);
}
