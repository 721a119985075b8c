package dev.switchboard.interactions.internal.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.interactions.Acquisition;
import dev.switchboard.api.interactions.GoogleClientId;
import dev.switchboard.api.interactions.Sources;
import dev.switchboard.api.interactions.Visit;
import dev.switchboard.interactions.internal.store.InteractionsUnit;
import dev.switchboard.store.testing.H2FileDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The embedded default: the same migrations apply on H2 and every operation runs there (CARD-8). */
class ContactSourcesOnH2Test {

    @RegisterExtension
    static final H2FileDatabase DB = new H2FileDatabase();

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void CARD8_migrationsApplyOnH2AndEveryOperationWorks() {
        ContactSourcesImpl sources = ContactSourcesImpl.create(new InteractionsUnit(DB.database()).unit(),
                new RecordingEventAdmin(c -> 0L, p -> 0L));
        for (String table : List.of("acquisition_tool", "contact_acquisition", "google_client_id", "visit",
                "contact_visit_lock")) {
            assertThat(DB.tableExists(table)).as(table).isTrue();
        }
        ProjectId project = new ProjectId(1);
        ContactId survivor = new ContactId(10);
        ContactId other = new ContactId(11);
        Optional<String> url = Optional.of("https://shop.example/?utm_source=mail&utm_term=a+b");

        sources.recordAcquisition(project, survivor, "Widget", "widget", T0.plusSeconds(60));
        sources.recordAcquisition(project, other, "Widget", "widget", T0);
        sources.recordGoogleClientId(project, other, "GA1.2.5.6", T0);
        sources.recordVisit(project, other, T0, url, Optional.empty());
        sources.recordVisit(project, other, T0.plus(Duration.ofMinutes(10)), url, Optional.empty());
        sources.recordVisit(project, survivor, T0, url, Optional.empty());
        sources.merge(survivor, other);
        sources.merge(survivor, other);

        Sources merged = sources.sources(survivor);
        assertThat(merged.tools()).extracting(Acquisition::firstAt).containsExactly(T0);
        assertThat(merged.googleIds()).containsExactly(new GoogleClientId("5.6", T0));
        assertThat(merged.visits()).containsExactly(new Visit(T0, url, Optional.empty(),
                Map.of("source", "mail", "term", "a b")));
        assertThat(DB.rows("select count(*) from visit where contact_id = 10 and last_seen_at > visited_at"))
                .as("the visit both had lasts until the other's report ten minutes later")
                .containsExactly(List.of(1L));
        assertThat(sources.byGoogleClientId(project, "5.6")).containsExactly(survivor);
        assertThat(sources.tools(project)).hasSize(1);
        assertThat(sources.sources(other)).isEqualTo(new Sources(List.of(), List.of(), List.of()));
    }
}
