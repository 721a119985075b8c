package dev.switchboard.interactions.internal.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.api.card.CardEvents;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.interactions.Acquisition;
import dev.switchboard.api.interactions.AcquisitionTool;
import dev.switchboard.api.interactions.GoogleClientId;
import dev.switchboard.api.interactions.Sources;
import dev.switchboard.api.interactions.Visit;
import dev.switchboard.interactions.internal.store.InteractionsUnit;
import dev.switchboard.store.testing.PostgresDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Contact sources on PostgreSQL (CARD-8a, CARD-8b, CARD-8c, contact merge). */
class ContactSourcesOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final AtomicLong IDS = new AtomicLong(1000);

    static ContactSourcesImpl sources;
    static RecordingEventAdmin events;

    @BeforeAll
    static void open() {
        InteractionsUnit unit = new InteractionsUnit(DB.database());
        events = new RecordingEventAdmin(contact -> count(
                "select (select count(*) from contact_acquisition where contact_id = " + contact + ")"
                        + " + (select count(*) from google_client_id where contact_id = " + contact + ")"
                        + " + (select count(*) from visit where contact_id = " + contact + ")"),
                project -> count("select count(*) from acquisition_tool where project_id = " + project));
        sources = ContactSourcesImpl.create(unit.unit(), events);
    }

    // ---------------------------------------------------------------------------------------------- CARD-8a

    @Test
    void CARD8a_aToolReportedByManyAtOnceIsCreatedOnceAndListed() throws Exception {
        ProjectId project = project();
        List<ContactId> contacts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            contacts.add(contact());
        }
        List<Acquisition> results = concurrently(16, i ->
                () -> sources.recordAcquisition(project, contacts.get(i), "Spring landing", "landing", T0));

        assertThat(sources.tools(project)).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("Spring landing");
            assertThat(tool.kind()).isEqualTo("landing");
        });
        AcquisitionTool tool = sources.tools(project).get(0);
        assertThat(results).extracting(Acquisition::tool).containsOnly(tool);
        for (ContactId contact : contacts) {
            assertThat(sources.sources(contact).tools()).containsExactly(new Acquisition(tool, T0));
        }
    }

    @Test
    void CARD8a_aNewToolPostsCatalogueChangedOnceAfterCommitAndAKnownToolNothing() throws Exception {
        ProjectId project = project();
        List<ContactId> contacts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            contacts.add(contact());
        }
        concurrently(8, i -> () -> sources.recordAcquisition(project, contacts.get(i), "Autumn landing", "landing",
                T0));
        sources.recordAcquisition(project, contact(), "Autumn landing", "other", T0);
        sources.recordAcquisition(project(), contact(), "Billboard QR", "qr", T0);
        assertInvalid("kind", () -> sources.recordAcquisition(project, contact(), "Billboard QR", "poster", T0));
        assertThat(events.ofProject(project.value()))
                .as("one event for the tool created by eight at once, none for a known tool or another project")
                .extracting(RecordingEventAdmin.Posted::topic, RecordingEventAdmin.Posted::project,
                        RecordingEventAdmin.Posted::rowsSeenByOthers)
                .containsExactly(tuple(CardEvents.CATALOGUE_CHANGED, project.value(), 1L));

        sources.recordAcquisition(project, contacts.get(0), "Billboard QR", "qr", T0.plusSeconds(60));
        assertThat(events.ofProject(project.value()))
                .extracting(RecordingEventAdmin.Posted::topic, RecordingEventAdmin.Posted::project,
                        RecordingEventAdmin.Posted::rowsSeenByOthers)
                .containsExactly(tuple(CardEvents.CATALOGUE_CHANGED, project.value(), 1L),
                        tuple(CardEvents.CATALOGUE_CHANGED, project.value(), 2L));
    }

    @Test
    void CARD8a_oneContactReportedAtOnceThroughOneToolHasOneRowWithTheEarliestTime() throws Exception {
        ProjectId project = project();
        ContactId contact = contact();
        concurrently(8, i -> () -> sources.recordAcquisition(project, contact, "QR at the door", "qr",
                T0.plusSeconds(60L * (8 - i))));

        assertThat(sources.sources(contact).tools()).extracting(a -> a.tool().name(), Acquisition::firstAt)
                .containsExactly(tuple("QR at the door", T0.plusSeconds(60)));
        assertThat(count("select count(*) from contact_acquisition where contact_id = " + contact.value()))
                .isEqualTo(1);
    }

    @Test
    void CARD8a_toolsAreListedByFirstUseKeepingTheEarliestAndTheCatalogueByName() {
        ProjectId project = project();
        ContactId contact = contact();
        sources.recordAcquisition(project, contact, "  Widget on pricing  ", "WIDGET", T0.plusSeconds(300));
        sources.recordAcquisition(project, contact, "Telegram link", "link", T0.plusSeconds(200));
        Acquisition again = sources.recordAcquisition(project, contact, "Widget on pricing", "other", T0);
        sources.recordAcquisition(project, contact, "Telegram link", "link", T0.plusSeconds(900));

        assertThat(again.firstAt()).isEqualTo(T0);
        assertThat(again.tool().kind()).as("the catalogue keeps the kind it was created with").isEqualTo("widget");
        assertThat(sources.sources(contact).tools()).extracting(a -> a.tool().name(), Acquisition::firstAt)
                .containsExactly(tuple("Widget on pricing", T0), tuple("Telegram link", T0.plusSeconds(200)));
        assertThat(sources.tools(project)).extracting(AcquisitionTool::name)
                .containsExactly("Telegram link", "Widget on pricing");
    }

    @Test
    void CARD8a_aChangePostsCardChangedAfterCommitAndARepeatPostsNothing() {
        ProjectId project = project();
        ContactId contact = contact();
        sources.recordAcquisition(project, contact, "Landing", "landing", T0);
        sources.recordAcquisition(project, contact, "Landing", "landing", T0.plusSeconds(5));
        sources.recordGoogleClientId(project, contact, "GA1.2.1.2", T0);
        sources.recordGoogleClientId(project, contact, "1.2", T0.plusSeconds(5));
        sources.recordVisit(project, contact, T0, Optional.of("https://a.example/"), Optional.empty());
        sources.recordVisit(project, contact, T0.plusSeconds(5), Optional.of("https://a.example/"), Optional.empty());

        assertThat(events.of(contact.value()))
                .extracting(RecordingEventAdmin.Posted::topic, RecordingEventAdmin.Posted::project,
                        RecordingEventAdmin.Posted::rowsSeenByOthers)
                .containsExactly(tuple(CardEvents.CHANGED, project.value(), 1L),
                        tuple(CardEvents.CHANGED, project.value(), 2L),
                        tuple(CardEvents.CHANGED, project.value(), 3L));
    }

    // ---------------------------------------------------------------------------------------------- CARD-8b

    @Test
    void CARD8b_oneGoogleIdPerDeviceAndDuplicatesIgnored() {
        ProjectId project = project();
        ContactId contact = contact();
        GoogleClientId desktop = sources.recordGoogleClientId(project, contact, "GA1.2.1234567890.1600000000", T0);
        sources.recordGoogleClientId(project, contact, "1234567890.1600000000", T0.plusSeconds(60));
        sources.recordGoogleClientId(project, contact, "GA1.1.987654321.1700000000", T0.plusSeconds(120));
        sources.recordGoogleClientId(project, contact, "GA1.3.1234567890.1600000000", T0.minusSeconds(60));

        assertThat(desktop).isEqualTo(new GoogleClientId("1234567890.1600000000", T0));
        assertThat(sources.sources(contact).googleIds()).containsExactly(
                new GoogleClientId("1234567890.1600000000", T0.minusSeconds(60)),
                new GoogleClientId("987654321.1700000000", T0.plusSeconds(120)));
        assertThat(sources.byGoogleClientId(project, "GA1.2.987654321.1700000000")).containsExactly(contact);
        assertThat(sources.byGoogleClientId(project, "5.5")).isEmpty();
    }

    @Test
    void CARD8b_aGoogleIdReportedAtOnceIsStoredOnceWithTheEarliestTime() throws Exception {
        ProjectId project = project();
        ContactId contact = contact();
        concurrently(8, i -> () -> sources.recordGoogleClientId(project, contact, "GA1.2.42.1700000000",
                T0.plusSeconds(60L * (8 - i))));
        assertThat(sources.sources(contact).googleIds())
                .containsExactly(new GoogleClientId("42.1700000000", T0.plusSeconds(60)));
    }

    // ---------------------------------------------------------------------------------------------- CARD-8c

    @Test
    void CARD8c_aVisitIsListedWithItsReferrerAndUtmTags() {
        ProjectId project = project();
        ContactId contact = contact();
        Visit visit = sources.recordVisit(project, contact, T0,
                Optional.of("https://shop.example/sale?utm_source=google&utm_medium=cpc&utm_campaign=spring%20sale"),
                Optional.of("https://www.google.com/"));

        Visit expected = new Visit(T0,
                Optional.of("https://shop.example/sale?utm_source=google&utm_medium=cpc&utm_campaign=spring%20sale"),
                Optional.of("https://www.google.com/"),
                Map.of("source", "google", "medium", "cpc", "campaign", "spring sale"));
        assertThat(visit).isEqualTo(expected);
        assertThat(sources.sources(contact).visits()).containsExactly(expected);
    }

    @Test
    void CARD8c_aReportWithinThirtyMinutesOfTheLastOneExtendsTheVisitWithoutAnEvent() {
        ProjectId project = project();
        ContactId contact = contact();
        Optional<String> url = Optional.of("https://shop.example/?utm_source=vk");
        Optional<String> from = Optional.of("https://vk.com/");
        sources.recordVisit(project, contact, T0, url, from);
        Visit repeat = sources.recordVisit(project, contact, T0.plus(Duration.ofMinutes(30)), url, from);
        assertThat(repeat.at()).as("the visit is answered with its start").isEqualTo(T0);
        sources.recordVisit(project, contact, T0.plus(Duration.ofMinutes(60)), url, from);
        // a late replay of a report the visit already took changes nothing
        sources.recordVisit(project, contact, T0.plus(Duration.ofMinutes(30)), url, from);

        assertThat(sources.sources(contact).visits()).extracting(Visit::at).containsExactly(T0);
        assertThat(lastSeen(contact)).containsExactly(T0.plus(Duration.ofMinutes(60)));
        assertThat(events.of(contact.value())).as("the card shows the start only").hasSize(1);

        // a report from another referrer, or another page, is another visit
        sources.recordVisit(project, contact, T0.plus(Duration.ofMinutes(61)), url, Optional.empty());
        sources.recordVisit(project, contact, T0.plus(Duration.ofMinutes(62)), url, from);
        assertThat(sources.sources(contact).visits()).extracting(Visit::at, Visit::referrer).containsExactly(
                tuple(T0.plus(Duration.ofMinutes(62)), from),
                tuple(T0.plus(Duration.ofMinutes(61)), Optional.empty()),
                tuple(T0, from));
    }

    @Test
    void CARD8c_aLongChatWithReportsEveryTenMinutesForTwoHoursIsOneVisit() {
        ProjectId project = project();
        ContactId contact = contact();
        Optional<String> url = Optional.of("https://shop.example/pricing?utm_campaign=autumn");
        for (int minute = 0; minute <= 120; minute += 10) {
            Visit visit = sources.recordVisit(project, contact, T0.plus(Duration.ofMinutes(minute)), url,
                    Optional.empty());
            assertThat(visit.at()).isEqualTo(T0);
        }
        assertThat(sources.sources(contact).visits()).containsExactly(
                new Visit(T0, url, Optional.empty(), Map.of("campaign", "autumn")));
        assertThat(lastSeen(contact)).containsExactly(T0.plus(Duration.ofMinutes(120)));
        assertThat(events.of(contact.value())).hasSize(1);
    }

    @Test
    void CARD8c_thirtyOneMinutesOfSilenceStartANewVisit() {
        ProjectId project = project();
        ContactId contact = contact();
        Optional<String> url = Optional.of("https://shop.example/");
        sources.recordVisit(project, contact, T0, url, Optional.empty());
        sources.recordVisit(project, contact, T0.plus(Duration.ofMinutes(20)), url, Optional.empty());
        Visit next = sources.recordVisit(project, contact, T0.plus(Duration.ofMinutes(51)), url, Optional.empty());
        // late replays of reports of either visit are no new visit
        sources.recordVisit(project, contact, T0.plus(Duration.ofMinutes(20)), url, Optional.empty());
        sources.recordVisit(project, contact, T0.plus(Duration.ofMinutes(51)), url, Optional.empty());

        assertThat(next.at()).isEqualTo(T0.plus(Duration.ofMinutes(51)));
        assertThat(sources.sources(contact).visits()).extracting(Visit::at)
                .containsExactly(T0.plus(Duration.ofMinutes(51)), T0);
        assertThat(lastSeen(contact)).containsExactly(T0.plus(Duration.ofMinutes(51)),
                T0.plus(Duration.ofMinutes(20)));
        assertThat(events.of(contact.value())).hasSize(2);
    }

    @Test
    void CARD8c_aReportArrivingLateWithinTheWindowMovesTheStartBackAndTellsTheCard() {
        ProjectId project = project();
        ContactId contact = contact();
        Optional<String> url = Optional.of("https://shop.example/");
        sources.recordVisit(project, contact, T0, url, Optional.empty());
        Visit earlier = sources.recordVisit(project, contact, T0.minus(Duration.ofMinutes(10)), url,
                Optional.empty());

        assertThat(earlier.at()).isEqualTo(T0.minus(Duration.ofMinutes(10)));
        assertThat(sources.sources(contact).visits()).extracting(Visit::at)
                .containsExactly(T0.minus(Duration.ofMinutes(10)));
        assertThat(lastSeen(contact)).containsExactly(T0);
        assertThat(events.of(contact.value())).extracting(RecordingEventAdmin.Posted::topic)
                .containsExactly(CardEvents.CHANGED, CardEvents.CHANGED);
    }

    @Test
    void CARD8c_theSameVisitReportedAtOnceIsStoredOnce() throws Exception {
        ProjectId project = project();
        ContactId contact = contact();
        concurrently(8, i -> () -> sources.recordVisit(project, contact, T0.plusSeconds(i),
                Optional.of("https://shop.example/"), Optional.of("https://ya.ru/")));
        assertThat(sources.sources(contact).visits()).extracting(Visit::at).containsExactly(T0);
        assertThat(lastSeen(contact)).containsExactly(T0.plusSeconds(7));
        assertThat(count("select count(*) from contact_visit_lock where contact_id = " + contact.value())).isEqualTo(1);
    }

    @Test
    void CARD8c_theLatestHundredVisitsAreListedNewestFirst() {
        ProjectId project = project();
        ContactId contact = contact();
        for (int i = 0; i < 105; i++) {
            sources.recordVisit(project, contact, T0.plus(Duration.ofHours(i)),
                    Optional.of("https://shop.example/p" + i), Optional.empty());
        }
        List<Visit> visits = sources.sources(contact).visits();
        assertThat(visits).hasSize(100);
        assertThat(visits.get(0).at()).isEqualTo(T0.plus(Duration.ofHours(104)));
        assertThat(visits.get(99).at()).isEqualTo(T0.plus(Duration.ofHours(5)));
        assertThat(visits.get(0).utm()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- input

    @Test
    void CARD8_badInputIsRefusedNamingTheFieldAndWritesNothing() {
        ProjectId project = project();
        ContactId contact = contact();
        assertInvalid("toolName", () -> sources.recordAcquisition(project, contact, "   ", "landing", T0));
        assertInvalid("toolName", () -> sources.recordAcquisition(project, contact, "x".repeat(201), "landing", T0));
        assertInvalid("kind", () -> sources.recordAcquisition(project, contact, "Billboard", "billboard", T0));
        assertInvalid("kind", () -> sources.recordAcquisition(project, contact, "Billboard", null, T0));
        assertInvalid("gaClientId", () -> sources.recordGoogleClientId(project, contact, "GA1.2.abc.def", T0));
        assertInvalid("gaClientId", () -> sources.byGoogleClientId(project, "nonsense"));
        assertInvalid("url", () -> sources.recordVisit(project, contact, T0, Optional.of("ftp://a.example/"),
                Optional.empty()));
        assertInvalid("referrer", () -> sources.recordVisit(project, contact, T0, Optional.empty(),
                Optional.of("https://a.example/" + "r".repeat(2000))));
        assertInvalid("other", () -> sources.merge(contact, contact));

        assertThat(sources.sources(contact)).isEqualTo(new Sources(List.of(), List.of(), List.of()));
        assertThat(sources.tools(project)).isEmpty();
        assertThat(sources.recordAcquisition(project, contact, "x".repeat(200), "other", T0).tool().name())
                .hasSize(200);
    }

    // ---------------------------------------------------------------------------------------------- merge

    @Test
    void mergeKeepsOneOfEachWithTheEarliestTimeAndIsIdempotent() {
        ProjectId project = project();
        ContactId survivor = contact();
        ContactId other = contact();
        Optional<String> home = Optional.of("https://shop.example/");
        sources.recordAcquisition(project, survivor, "Widget", "widget", T0.plusSeconds(500));
        sources.recordGoogleClientId(project, survivor, "11.22", T0.plusSeconds(500));
        sources.recordVisit(project, survivor, T0, home, Optional.empty());

        sources.recordAcquisition(project, other, "Widget", "widget", T0.plusSeconds(100));
        sources.recordAcquisition(project, other, "QR", "qr", T0.plusSeconds(50));
        sources.recordGoogleClientId(project, other, "11.22", T0.plusSeconds(100));
        sources.recordGoogleClientId(project, other, "33.44", T0.plusSeconds(700));
        sources.recordVisit(project, other, T0, home, Optional.empty());
        sources.recordVisit(project, other, T0.plus(Duration.ofMinutes(10)), home, Optional.empty());
        sources.recordVisit(project, other, T0.plus(Duration.ofDays(1)), home, Optional.of("https://vk.com/"));
        int before = events.of(survivor.value()).size();

        sources.merge(survivor, other);
        Sources merged = sources.sources(survivor);
        sources.merge(survivor, other);

        assertThat(merged.tools()).extracting(a -> a.tool().name(), Acquisition::firstAt)
                .containsExactly(tuple("QR", T0.plusSeconds(50)), tuple("Widget", T0.plusSeconds(100)));
        assertThat(merged.googleIds()).containsExactly(new GoogleClientId("11.22", T0.plusSeconds(100)),
                new GoogleClientId("33.44", T0.plusSeconds(700)));
        assertThat(merged.visits()).extracting(Visit::at)
                .containsExactly(T0.plus(Duration.ofDays(1)), T0);
        assertThat(lastSeen(survivor)).as("the visit both had lasts as long as the longer of the two")
                .containsExactly(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofMinutes(10)));
        assertThat(sources.sources(survivor)).as("a second run changes nothing").isEqualTo(merged);
        assertThat(sources.sources(other)).isEqualTo(new Sources(List.of(), List.of(), List.of()));
        assertThat(sources.byGoogleClientId(project, "33.44")).containsExactly(survivor);
        assertThat(events.of(survivor.value()).subList(before, events.of(survivor.value()).size()))
                .extracting(RecordingEventAdmin.Posted::topic, RecordingEventAdmin.Posted::project)
                .containsExactly(tuple(CardEvents.CHANGED, project.value()));
        assertThat(count("select count(*) from contact_visit_lock where contact_id = " + other.value())).isZero();
    }

    @Test
    void mergeRefusesContactsOfDifferentProjectsAsUnknown() {
        ContactId a = contact();
        ContactId b = contact();
        sources.recordGoogleClientId(project(), a, "1.1", T0);
        sources.recordGoogleClientId(project(), b, "2.2", T0);
        // issue 12: NotFound, as for a contact that does not exist; nothing moves
        assertThatThrownBy(() -> sources.merge(a, b)).isInstanceOf(NotFound.class);
        assertThat(sources.sources(b).googleIds()).hasSize(1);
        assertThat(sources.sources(a).googleIds()).hasSize(1);
    }

    @Test
    void aContactWhoseSourcesAreAnotherProjectsIsUnknownToEveryWriteAndNothingIsWritten() {
        ProjectId own = project();
        ProjectId foreign = project();
        ContactId theirs = contact();
        sources.recordVisit(foreign, theirs, T0, Optional.of("https://theirs.example/"), Optional.empty());
        Sources before = sources.sources(theirs);
        long rows = count("select (select count(*) from acquisition_tool) + (select count(*) from contact_acquisition)"
                + " + (select count(*) from google_client_id) + (select count(*) from visit)"
                + " + (select count(*) from contact_visit_lock)");

        assertThatThrownBy(() -> sources.recordAcquisition(own, theirs, "Landing", "landing", T0.plusSeconds(1)))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> sources.recordGoogleClientId(own, theirs, "5.5", T0)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> sources.recordVisit(own, theirs, T0.plusSeconds(1),
                Optional.of("https://theirs.example/"), Optional.empty())).isInstanceOf(NotFound.class);

        assertThat(sources.sources(theirs)).isEqualTo(before);
        assertThat(sources.tools(own)).isEmpty();
        assertThat(count("select (select count(*) from acquisition_tool) + (select count(*) from contact_acquisition)"
                + " + (select count(*) from google_client_id) + (select count(*) from visit)"
                + " + (select count(*) from contact_visit_lock)")).isEqualTo(rows);
        // the contact's own project still records
        sources.recordGoogleClientId(foreign, theirs, "5.5", T0);
        assertThat(sources.sources(theirs).googleIds()).hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------- projects

    @Test
    void projectsAreIsolatedAndEveryRowCarriesItsProject() {
        ProjectId one = project();
        ProjectId two = project();
        ContactId anna = contact();
        ContactId boris = contact();
        Acquisition a = sources.recordAcquisition(one, anna, "Landing", "landing", T0);
        Acquisition b = sources.recordAcquisition(two, boris, "Landing", "landing", T0);
        sources.recordGoogleClientId(one, anna, "7.7", T0);
        sources.recordGoogleClientId(two, boris, "7.7", T0);
        sources.recordVisit(one, anna, T0, Optional.of("https://one.example/"), Optional.empty());

        assertThat(a.tool().id()).isNotEqualTo(b.tool().id());
        assertThat(sources.tools(one)).containsExactly(a.tool());
        assertThat(sources.tools(two)).containsExactly(b.tool());
        assertThat(sources.byGoogleClientId(one, "7.7")).containsExactly(anna);
        assertThat(sources.byGoogleClientId(two, "GA1.2.7.7")).containsExactly(boris);
        assertThat(DB.rows("select project_id from contact_acquisition where contact_id = " + anna.value()
                + " union all select project_id from google_client_id where contact_id = " + anna.value()
                + " union all select project_id from visit where contact_id = " + anna.value()))
                .containsExactly(List.of(one.value()), List.of(one.value()), List.of(one.value()));
    }

    // ---------------------------------------------------------------------------------------------- support

    private static ProjectId project() {
        return new ProjectId(IDS.incrementAndGet());
    }

    private static ContactId contact() {
        return new ContactId(IDS.incrementAndGet());
    }

    private static long count(String sql) {
        return ((Number) DB.rows(sql).get(0).get(0)).longValue();
    }

    /** When each visit of the contact was last seen, newest visit first. */
    private static List<Instant> lastSeen(ContactId contact) {
        return DB.rows("select last_seen_at from visit where contact_id = " + contact.value()
                        + " order by visited_at desc, id desc").stream()
                .map(row -> row.get(0) instanceof Timestamp t ? t.toInstant()
                        : ((OffsetDateTime) row.get(0)).toInstant())
                .toList();
    }

    private static void assertInvalid(String field, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    /** Runs {@code n} calls released together, and returns their results. */
    private static <T> List<T> concurrently(int n, IntFunction<Callable<T>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<T> c = call.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
