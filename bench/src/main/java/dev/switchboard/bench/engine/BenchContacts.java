package dev.switchboard.bench.engine;

import dev.switchboard.api.card.ContactDirectory;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.interactions.Acquisition;
import dev.switchboard.api.interactions.AcquisitionTool;
import dev.switchboard.api.interactions.ContactSources;
import dev.switchboard.api.interactions.GoogleClientId;
import dev.switchboard.api.interactions.Sources;
import dev.switchboard.api.interactions.Visit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingress benchmark's "chat only" variant ({@code --chat-only}): the ingress's contact directory and contact
 * sources (the card and interactions bundles, their own units) are in-memory maps here, so that the chat unit is
 * measured alone and the figure stays comparable with the runs from before cards. Counts what the ingress asked.
 */
final class BenchContacts implements ContactDirectory, ContactSources {

    private record Key(ConnectionId connection, String externalUserId) {
    }

    private final Map<Key, ContactId> contacts = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    final AtomicLong identified = new AtomicLong();
    final AtomicLong acquisitions = new AtomicLong();

    @Override
    public ContactId identify(ProjectId project, ConnectionId connection, String externalUserId,
                              ClientProfile profile) {
        identified.incrementAndGet();
        return contacts.computeIfAbsent(new Key(connection, externalUserId), k -> new ContactId(ids.incrementAndGet()));
    }

    @Override
    public Optional<ContactId> find(ConnectionId connection, String externalUserId) {
        return Optional.ofNullable(contacts.get(new Key(connection, externalUserId)));
    }

    @Override
    public void setPhoto(ContactId contact, FileId photo) {
        // the bench's clients have no photos
    }

    @Override
    public Acquisition recordAcquisition(ProjectId project, ContactId contact, String toolName, String kind,
                                         Instant at) {
        acquisitions.incrementAndGet();
        return new Acquisition(new AcquisitionTool(1, toolName, kind), at);
    }

    @Override
    public GoogleClientId recordGoogleClientId(ProjectId project, ContactId contact, String gaCookieOrClientId,
                                               Instant at) {
        return new GoogleClientId(gaCookieOrClientId, at);
    }

    @Override
    public Visit recordVisit(ProjectId project, ContactId contact, Instant at, Optional<String> url,
                             Optional<String> referrer) {
        return new Visit(at, url, referrer, Map.of());
    }

    @Override
    public Sources sources(ContactId contact) {
        return new Sources(List.of(), List.of(), List.of());
    }

    @Override
    public List<AcquisitionTool> tools(ProjectId project) {
        return List.of();
    }

    @Override
    public List<ContactId> byGoogleClientId(ProjectId project, String gaCookieOrClientId) {
        return List.of();
    }

    @Override
    public void merge(ContactId survivor, ContactId other) {
        // nothing is kept per contact here
    }
}
