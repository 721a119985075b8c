package dev.switchboard.api.card;

import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.domain.ProjectId;
import java.util.Map;
import java.util.Optional;

/**
 * The Search tab (INB-7): newest contacts first, keyset-paged. Any member of the project may search; which of
 * a contact's chats a member may open is the chat engine's business ({@code ContactChats}).
 * <p>
 * A project the viewer is not a member of is {@link dev.switchboard.api.error.NotFound} (issue 12). The ids in a
 * {@link ContactFilter} are criteria matched against the viewer's project's rows only: a tag, group, member or tool
 * of another project matches nothing, exactly as an id that does not exist.
 */
public interface ContactSearch {

    /**
     * Contacts whose first name, last name, phone, e-mail or About note contains {@code text}, ignoring case.
     * A text that reads as a phone number in any format ({@code +7 (912) 345-67-89}, {@code 8912...}) also
     * matches by its digits. Fewer than two characters find nothing.
     *
     * @param size 1..200
     */
    Page<ContactHit> search(ProjectId project, MemberId viewer, String text, Optional<String> after, int size);

    /** Contacts matching every criterion of the filter; an empty filter lists every contact. */
    Page<ContactHit> filter(ProjectId project, MemberId viewer, ContactFilter filter, Optional<String> after,
                            int size);

    /**
     * The automessage chains some client of the project is subscribed to (CARD-5), chain key to chain name, by
     * name: the choices of the chain filter.
     */
    Map<String, String> chains(ProjectId project, MemberId viewer);
}
