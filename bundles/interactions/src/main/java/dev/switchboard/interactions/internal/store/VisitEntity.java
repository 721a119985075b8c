package dev.switchboard.interactions.internal.store;

import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.interactions.Visit;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A visit of a contact with the address it arrived by, the referrer and the address's UTM tags (CARD-8c). A visit
 * is a sliding session: it starts at its first report ({@code visited_at}) and lasts while reports of the same
 * address keep coming ({@code last_seen_at}).
 */
@Entity
@Table(name = "visit")
@Cacheable(false)
public class VisitEntity {

    @Id
    @SequenceGenerator(name = "visit_seq", sequenceName = "visit_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "visit_seq")
    private Long id;

    @Column(name = "project_id", nullable = false)
    private Long projectId;

    @Column(name = "contact_id", nullable = false)
    private Long contactId;

    @Column(name = "visited_at", nullable = false)
    private OffsetDateTime visitedAt;

    @Column(name = "last_seen_at", nullable = false)
    private OffsetDateTime lastSeenAt;

    private String url;

    private String referrer;

    @Column(name = "utm_source")
    private String utmSource;

    @Column(name = "utm_medium")
    private String utmMedium;

    @Column(name = "utm_campaign")
    private String utmCampaign;

    @Column(name = "utm_term")
    private String utmTerm;

    @Column(name = "utm_content")
    private String utmContent;

    protected VisitEntity() {
    }

    /** @param utm tags by name without the {@code utm_} prefix, as {@link Visit#utm()} */
    public VisitEntity(long projectId, long contactId, Instant at, Optional<String> url, Optional<String> referrer,
                       Map<String, String> utm) {
        this.projectId = projectId;
        this.contactId = contactId;
        this.visitedAt = StoreTimes.utc(at);
        this.lastSeenAt = this.visitedAt;
        this.url = url.orElse(null);
        this.referrer = referrer.orElse(null);
        this.utmSource = utm.get("source");
        this.utmMedium = utm.get("medium");
        this.utmCampaign = utm.get("campaign");
        this.utmTerm = utm.get("term");
        this.utmContent = utm.get("content");
    }

    public long projectId() {
        return projectId;
    }

    public Instant at() {
        return StoreTimes.instant(visitedAt);
    }

    public Instant lastSeenAt() {
        return StoreTimes.instant(lastSeenAt);
    }

    /**
     * Whether a report at {@code at} belongs to this visit's session: no more than {@code gap} after its last report
     * (or before its first, for a report that arrives late).
     */
    public boolean continuedBy(Instant at, Duration gap) {
        return !at.isBefore(at().minus(gap)) && !at.isAfter(lastSeenAt().plus(gap));
    }

    /** Whether a report at {@code at} falls between this visit's first and last report. */
    public boolean covers(Instant at) {
        return !at.isBefore(at()) && !at.isAfter(lastSeenAt());
    }

    /**
     * Widens the visit to a report at {@code at}.
     *
     * @return whether the visit's start moved, the only change {@link #toRecord()} shows
     */
    public boolean seenAt(Instant at) {
        OffsetDateTime t = StoreTimes.utc(at);
        if (t.isAfter(lastSeenAt)) {
            lastSeenAt = t;
        }
        if (t.isBefore(visitedAt)) {
            visitedAt = t;
            return true;
        }
        return false;
    }

    /** Whether this visit arrived by the same address from the same referrer. */
    public boolean sameAddress(Optional<String> url, Optional<String> referrer) {
        return Objects.equals(this.url, url.orElse(null)) && Objects.equals(this.referrer, referrer.orElse(null));
    }

    public void moveTo(long contact) {
        this.contactId = contact;
    }

    public Visit toRecord() {
        Map<String, String> utm = new LinkedHashMap<>();
        put(utm, "source", utmSource);
        put(utm, "medium", utmMedium);
        put(utm, "campaign", utmCampaign);
        put(utm, "term", utmTerm);
        put(utm, "content", utmContent);
        return new Visit(at(), Optional.ofNullable(url), Optional.ofNullable(referrer), utm);
    }

    private static void put(Map<String, String> utm, String name, String value) {
        if (value != null) {
            utm.put(name, value);
        }
    }
}
