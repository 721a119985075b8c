package dev.switchboard.api.interactions;

import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.ProjectId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Records and reads contact sources (CARD-8). Channels and the widget report what they learn; every call is
 * idempotent (a tool or Google id reported twice is stored once; reports of the same address and referrer
 * less than 30 minutes apart are one visit, as in Google Analytics' sessions). Values are validated: over-long or malformed input gives
 * {@link dev.switchboard.api.error.InvalidInput}.
 * <p>
 * No method takes an acting member: this is the core's service (the ingress records what a message of a contact it
 * identified on its connection's project brings; the card merges contacts it has checked; the console reads the
 * sources of a card it has read with {@link dev.switchboard.api.card.CardService#card} first). What it can check, it
 * does: a write naming a contact whose sources belong to another project, and a merge of contacts of two projects,
 * are {@link dev.switchboard.api.error.NotFound}, as an unknown contact, and write nothing (issue 12).
 */
public interface ContactSources {

    /** The client came through this tool (created in the project's catalogue if new). */
    Acquisition recordAcquisition(ProjectId project, ContactId contact, String toolName, String kind, Instant at);

    /**
     * A Google Analytics client id of the client: either the {@code _ga} cookie's value ({@code GA1.2.X.Y}) or the
     * bare client id ({@code X.Y}).
     */
    GoogleClientId recordGoogleClientId(ProjectId project, ContactId contact, String gaCookieOrClientId, Instant at);

    /** A visit by {@code url} (UTM tags are read from it), coming from {@code referrer}. */
    Visit recordVisit(ProjectId project, ContactId contact, Instant at, Optional<String> url,
                      Optional<String> referrer);

    /** The contact's sources; empty for an unknown contact. Callers check the contact is of their project first. */
    Sources sources(ContactId contact);

    /** The project's acquisition tools, by name. */
    List<AcquisitionTool> tools(ProjectId project);

    /** Contacts of the project that have this Google client id (to recognise a returning client). */
    List<ContactId> byGoogleClientId(ProjectId project, String gaCookieOrClientId);

    /**
     * Moves every source of {@code other} to {@code survivor}, keeping one of each (contact merge).
     *
     * @throws dev.switchboard.api.error.NotFound when the two contacts' sources belong to different projects
     */
    void merge(ContactId survivor, ContactId other);
}
