package dev.switchboard.card.internal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.card.ContactFilter;
import dev.switchboard.api.card.ContactHit;
import dev.switchboard.api.card.DateRange;
import dev.switchboard.api.card.Status;
import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.domain.TagId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.Project;
import dev.switchboard.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Search tab's search and filters (INB-7), run on PostgreSQL (trigram index) and on the embedded H2 (plain
 * LIKE): both engines must give the same answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContactSearchContract {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private SearchFixture f;
    private ContactSearchService search;
    private Member viewer;
    private Member outsider;
    private ProjectId a;
    private ProjectId b;
    private long ivan;
    private long anna;
    private long maria;
    private long john;
    private long annie;
    private long xivan;
    private long ivanInB;

    abstract TestDatabase db();

    @BeforeAll
    void data() {
        f = new SearchFixture(db());
        search = f.search;
        Project pa = f.team.create("Search A");
        Project pb = f.team.create("Search B");
        a = pa.id();
        b = pb.id();
        viewer = f.team.add(a, "vitaly@search.example", "Vitaly", Role.MANAGER);
        outsider = f.team.add(b, "dima@search.example", "Dima", Role.OWNER);
        ivan = f.contact(a, "Иван", "Петров", "ivan.petrov@mail.ru", "+79123456789", "Хочет квартиру у моря",
                "new", day(1));
        anna = f.contact(a, "Anna", "Smith", "anna.smith@example.com", "+447911123456",
                "VIP client, 100% discount_code wow!", "work", day(2));
        maria = f.contact(a, "Мария", "Иванова", null, "+79990001122", null, "won", day(3));
        john = f.contact(a, "John", "O'Neil", "john@gmail.com", null, "prefers e-mail; deals@partner.org for invoices",
                null, day(4));
        annie = f.contact(a, "Annie", null, null, null, null, "estate", "viewing", day(5));
        xivan = f.contact(a, "Xavier", "Z", "xivan.petrov@mail.ru", null, null, "new", day(6));
        ivanInB = f.contact(b, "Иван", "Петров", "ivan.petrov@mail.ru", "+79123456789", null, "new", day(1));
    }

    private List<Long> found(String text) {
        return ids(search.search(a, viewer.id(), text, Optional.empty(), 200));
    }

    @Test
    void INB7_findsASubstringOfEachField() {
        assertThat(found("етро")).as("last name").containsExactly(ivan);
        assertThat(found("nna")).as("first name").containsExactly(anna);
        assertThat(found("smith@exa")).as("e-mail").containsExactly(anna);
        assertThat(found("3456")).as("phone digits").containsExactly(anna, ivan);
        assertThat(found("квартир")).as("about").containsExactly(ivan);
        assertThat(found("e-mail")).as("about").containsExactly(john);
        assertThat(found("o'neil")).as("an apostrophe").containsExactly(john);
    }

    @Test
    void INB7_ignoresCaseInLatinAndCyrillic() {
        assertThat(found("ПЕТРОВ")).containsExactly(ivan);
        assertThat(found("иВаНоВа")).containsExactly(maria);
        assertThat(found("Иван")).containsExactly(maria, ivan);
        assertThat(found("ANNA")).containsExactly(anna);
        assertThat(found("  vip CLIENT ")).as("surrounding blanks").containsExactly(anna);
    }

    @Test
    void INB7_findsAWholePhoneNumberInAnyFormat() {
        for (String typed : List.of("+7 (912) 345-67-89", "8 912 345 67 89", "89123456789", "9123456789",
                "+79123456789", "8(912)345-67-89", "+7 912 345 6789")) {
            assertThat(found(typed)).as(typed).containsExactly(ivan);
        }
        assertThat(found("+44 7911 123456")).containsExactly(anna);
        assertThat(found("07911 123456")).as("a UK number read in the default region RU").isEmpty();
    }

    @Test
    void INB7_findsAPartialNumberByItsDigits() {
        assertThat(found("345-67")).containsExactly(ivan);
        assertThat(found("(912) 345")).containsExactly(ivan);
        assertThat(found("11 22")).containsExactly(maria);
        assertThat(found("7999")).containsExactly(maria);
    }

    @Test
    void INB7_findsAWholeEmailAndLongerAddressesContainingIt() {
        assertThat(found("ivan.petrov@mail.ru")).containsExactly(xivan, ivan);
        assertThat(found("IVAN.Petrov@Mail.RU")).containsExactly(xivan, ivan);
        assertThat(found("john@gmail.com")).containsExactly(john);
        assertThat(found("nobody@mail.ru")).isEmpty();
        assertThat(found("ivan.petrov@mail.r")).as("not a whole address: a substring").containsExactly(xivan, ivan);
        assertThat(found("petrov@mail.ru")).as("an address inside a longer one").containsExactly(xivan, ivan);
        assertThat(found("ivan.petrov@gmail.ru")).as("the same name at another domain").isEmpty();
        assertThat(found("deals@partner.org")).as("an address in the About note").containsExactly(john);
    }

    @Test
    void INB7_takesLikeWildcardsInTheTextLiterally() {
        assertThat(found("100%")).containsExactly(anna);
        assertThat(found("t_c")).containsExactly(anna);
        assertThat(found("n_i")).as("'_' is not any character: Annie does not match").isEmpty();
        assertThat(found("%%")).isEmpty();
        assertThat(found("__")).isEmpty();
        assertThat(found("a%e")).isEmpty();
        assertThat(found("w!")).as("the escape character itself").containsExactly(anna);
        assertThat(found("!!")).isEmpty();
    }

    @Test
    void INB7_findsNothingForFewerThanTwoCharacters() {
        assertThat(found("a")).isEmpty();
        assertThat(found(" и ")).isEmpty();
        assertThat(found("")).isEmpty();
        assertThat(found("an")).isNotEmpty();
    }

    @Test
    void INB7_keepsProjectsApart() {
        assertThat(found("петров")).containsExactly(ivan);
        assertThat(found("+7 912 345-67-89")).containsExactly(ivan);
        assertThat(found("ivan.petrov@mail.ru")).doesNotContain(ivanInB);
        assertThat(ids(search.search(b, outsider.id(), "петров", Optional.empty(), 10))).containsExactly(ivanInB);
        assertThat(ids(search.filter(b, outsider.id(), ContactFilter.none(), Optional.empty(), 10)))
                .containsExactly(ivanInB);
        assertThat(ids(search.filter(a, viewer.id(), ContactFilter.none(), Optional.empty(), 200)))
                .containsSubsequence(xivan, annie, john, maria, anna, ivan).doesNotContain(ivanInB);
    }

    @Test
    void INB7_aViewerOutsideTheProjectGetsNotFound() {
        assertThatThrownBy(() -> search.search(a, outsider.id(), "петров", Optional.empty(), 10))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> search.search(a, outsider.id(), "a", Optional.empty(), 10))
                .as("also for a text too short to search").isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> search.filter(a, outsider.id(), ContactFilter.none(), Optional.empty(), 10))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> search.filter(a, new MemberId(987654321), ContactFilter.none(), Optional.empty(),
                10)).isInstanceOf(NotFound.class);
    }

    @Test
    void INB7_hitsCarryTheCardsDataAndStatus() {
        List<ContactHit> hits = search.filter(a, viewer.id(), ContactFilter.none(), Optional.empty(), 200).items();
        ContactHit i = hit(hits, ivan);
        assertThat(i.firstName()).contains("Иван");
        assertThat(i.lastName()).contains("Петров");
        assertThat(i.phone()).contains("+79123456789");
        assertThat(i.email()).contains("ivan.petrov@mail.ru");
        assertThat(i.createdAt()).isEqualTo(day(1));
        assertThat(i.status()).contains(new Status("default", SearchFixture.NEW, true));
        assertThat(hit(hits, annie).status()).as("a status kept from an earlier funnel")
                .contains(new Status("estate", SearchFixture.VIEWING, false));
        assertThat(hit(hits, annie).lastName()).isEmpty();
        assertThat(hit(hits, maria).email()).isEmpty();
        assertThat(search.search(a, viewer.id(), "o'neil", Optional.empty(), 1).items().get(0).status()).isEmpty();
    }

    @Test
    void INB7_rejectsABadPageSizeOrCursor() {
        assertThatThrownBy(() -> search.search(a, viewer.id(), "an", Optional.empty(), 0))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> search.filter(a, viewer.id(), ContactFilter.none(), Optional.empty(), 201))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> search.search(a, viewer.id(), "an", Optional.of("not-a-cursor"), 10))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void INB7_pagesWithoutDuplicatesOrGaps() {
        Project project = f.team.create("Search paging");
        Member member = f.team.add(project.id(), "pager@search.example", "Pager", Role.MANAGER);
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // every three contacts share their creation time: the id breaks the tie
            all.add(f.contact(project.id(), "Client " + i, null, null, null, null, "new", day(i / 3)));
        }
        all.add(f.contact(project.id(), "Someone", "Else", null, null, null, "new", day(4)));
        List<Long> expected = all.stream().sorted(Comparator.<Long>comparingInt(id -> -createdDay(all, id))
                .thenComparing(Comparator.<Long>reverseOrder())).toList();
        List<Long> clients = expected.stream().filter(id -> all.indexOf(id) < 25).toList();
        assertThat(pages(after -> search.search(project.id(), member.id(), "client", after, 7))).isEqualTo(clients);
        assertThat(pages(after -> search.filter(project.id(), member.id(), ContactFilter.none(), after, 4)))
                .isEqualTo(expected);
        assertThat(pages(after -> search.filter(project.id(), member.id(), ContactFilter.none(), after, 26)))
                .isEqualTo(expected);
    }

    private static int createdDay(List<Long> all, long id) {
        int index = all.indexOf(id);
        return index < 25 ? index / 3 : 4;
    }

    @Test
    void INB7_filtersByEachCriterionAndTheirCombinations() {
        Project project = f.team.create("Search filters");
        ProjectId p = project.id();
        Member m1 = f.team.add(p, "m1@search.example", "M1", Role.MANAGER);
        Member m2 = f.team.add(p, "m2@search.example", "M2", Role.MANAGER);
        long vip = f.tag(p, "VIP");
        long hot = f.tag(p, "Hot");
        long ads = f.tool(p, "Ads");
        long site = f.tool(p, "Site");
        long g1 = 71;
        long g2 = 72;
        long c1 = f.contact(p, "One", null, null, null, null, "new", day(1));
        long c2 = f.contact(p, "Two", null, null, null, null, "work", day(2));
        long c3 = f.contact(p, "Three", null, null, null, null, "new", day(3));
        long c4 = f.contact(p, "Four", null, null, null, null, "won", day(4));
        long c5 = f.contact(p, "Five", null, null, null, null, "new", day(5));
        f.tagContact(p, c1, vip);
        f.tagContact(p, c1, hot);
        f.tagContact(p, c2, vip);
        f.tagContact(p, c3, hot);
        f.tagContact(p, c5, vip);
        f.tagContact(p, c5, hot);
        f.subscribe(p, c1, "welcome");
        f.subscribe(p, c2, "promo");
        f.subscribe(p, c4, "welcome");
        f.subscribe(p, c5, "promo");
        f.acquired(p, c1, ads);
        f.acquired(p, c2, site);
        f.acquired(p, c3, ads);
        f.acquired(p, c5, site);
        f.acquired(p, c5, ads);
        f.chat(p, c1, g1, m1.id(), day(10));
        f.chat(p, c2, g2, m2.id(), day(20));
        f.chat(p, c3, null, null, day(30));
        f.chat(p, c3, g1, m2.id(), day(5));
        f.chat(p, c5, g2, m1.id(), day(40));
        // the same member and group ids in another project must not leak in
        long elsewhere = f.contact(a, "Elsewhere", null, null, null, null, "new", day(7));
        f.chat(a, elsewhere, g1, m1.id(), day(10));

        Function<ContactFilter, List<Long>> run = filter -> ids(search.filter(p, m2.id(), filter, Optional.empty(), 50));
        ContactFilter none = ContactFilter.none();
        assertThat(run.apply(none)).containsExactly(c5, c4, c3, c2, c1);
        assertThat(run.apply(stages(none, "new"))).containsExactly(c5, c3, c1);
        assertThat(run.apply(stages(none, "new", "won"))).containsExactly(c5, c4, c3, c1);
        assertThat(run.apply(stages(none, "lost"))).isEmpty();
        assertThat(run.apply(tags(none, vip))).containsExactly(c5, c2, c1);
        assertThat(run.apply(tags(none, vip, hot))).as("every tag listed").containsExactly(c5, c1);
        assertThat(run.apply(chains(none, "welcome"))).containsExactly(c4, c1);
        assertThat(run.apply(chains(none, "welcome", "promo"))).containsExactly(c5, c4, c2, c1);
        assertThat(run.apply(tools(none, ads))).containsExactly(c5, c3, c1);
        assertThat(run.apply(tools(none, site))).containsExactly(c5, c2);
        assertThat(run.apply(group(none, g1))).containsExactly(c3, c1);
        assertThat(run.apply(group(none, g2))).containsExactly(c5, c2);
        assertThat(run.apply(responsible(none, m1))).containsExactly(c5, c1);
        assertThat(run.apply(responsible(none, m2))).containsExactly(c3, c2);
        assertThat(run.apply(firstContact(none, day(2), day(4)))).as("from inclusive, to exclusive")
                .containsExactly(c3, c2);
        assertThat(run.apply(firstContact(none, day(4), null))).containsExactly(c5, c4);
        assertThat(run.apply(firstContact(none, null, day(2)))).containsExactly(c1);
        assertThat(run.apply(lastActivity(none, day(15), day(35)))).containsExactly(c3, c2);
        assertThat(run.apply(lastActivity(none, day(25), null))).containsExactly(c5, c3);
        assertThat(run.apply(lastActivity(none, null, day(6)))).as("the latest activity counts, not any")
                .isEmpty();
        assertThat(run.apply(lastActivity(none, null, day(11)))).containsExactly(c1);

        ContactFilter newAndHot = firstContact(tags(stages(none, "new"), hot), day(0), day(4));
        assertThat(run.apply(newAndHot)).containsExactly(c3, c1);
        assertThat(run.apply(responsible(newAndHot, m1))).containsExactly(c1);
        assertThat(run.apply(group(responsible(newAndHot, m1), g2))).isEmpty();
        assertThat(run.apply(tools(chains(none, "promo"), ads))).containsExactly(c5);
        assertThat(run.apply(lastActivity(group(none, g1), day(25), null))).containsExactly(c3);
        assertThat(pages(after -> search.filter(p, m1.id(), stages(none, "new"), after, 1)))
                .containsExactly(c5, c3, c1);
        // the chain filter's choices: the chains somebody in the project is subscribed to, by name
        assertThat(search.chains(p, m1.id())).containsExactly(
                java.util.Map.entry("promo", "Chain promo"), java.util.Map.entry("welcome", "Chain welcome"));
    }

    @Test
    void INB7_aCardBeingMergedAwayIsNotFound() {
        Project pm = f.team.create("Search merge");
        Member m = f.team.add(pm.id(), "merge@search.example", "Merge", Role.MANAGER);
        long survivor = f.contact(pm.id(), "Merged", "Survivor", null, null, null, "new", day(1));
        long other = f.contact(pm.id(), "Merged", "Other", null, null, null, "new", day(2));
        f.mergedInto(other, survivor);
        assertThat(ids(search.search(pm.id(), m.id(), "merged", Optional.empty(), 10))).containsExactly(survivor);
        assertThat(ids(search.filter(pm.id(), m.id(), ContactFilter.none(), Optional.empty(), 10)))
                .containsExactly(survivor);
        assertThat(search.chains(pm.id(), m.id())).isEmpty();
    }

    // --- helpers

    private static List<Long> ids(Page<ContactHit> page) {
        return page.items().stream().map(h -> h.id().value()).toList();
    }

    private static ContactHit hit(List<ContactHit> hits, long id) {
        return hits.stream().filter(h -> h.id().value() == id).findFirst().orElseThrow();
    }

    private static List<Long> pages(Function<Optional<String>, Page<ContactHit>> fetch) {
        List<Long> seen = new ArrayList<>();
        Optional<String> after = Optional.empty();
        for (int guard = 0; guard < 100; guard++) {
            Page<ContactHit> page = fetch.apply(after);
            seen.addAll(ids(page));
            if (page.next().isEmpty()) {
                return seen;
            }
            assertThat(page.items()).as("a page before the last is not empty").isNotEmpty();
            after = page.next();
        }
        throw new AssertionError("paging does not end: " + seen);
    }

    private static Instant day(int n) {
        return T0.plus(Duration.ofDays(n));
    }

    private static ContactFilter stages(ContactFilter f, String... keys) {
        return new ContactFilter(Set.of(keys), f.tags(), f.chains(), f.tools(), f.group(), f.responsible(),
                f.firstContact(), f.lastActivity());
    }

    private static ContactFilter tags(ContactFilter f, long... tags) {
        return new ContactFilter(f.stages(), java.util.Arrays.stream(tags).mapToObj(TagId::new)
                .collect(java.util.stream.Collectors.toSet()), f.chains(), f.tools(), f.group(), f.responsible(),
                f.firstContact(), f.lastActivity());
    }

    private static ContactFilter chains(ContactFilter f, String... chains) {
        return new ContactFilter(f.stages(), f.tags(), Set.of(chains), f.tools(), f.group(), f.responsible(),
                f.firstContact(), f.lastActivity());
    }

    private static ContactFilter tools(ContactFilter f, Long... tools) {
        return new ContactFilter(f.stages(), f.tags(), f.chains(), Set.of(tools), f.group(), f.responsible(),
                f.firstContact(), f.lastActivity());
    }

    private static ContactFilter group(ContactFilter f, long group) {
        return new ContactFilter(f.stages(), f.tags(), f.chains(), f.tools(), Optional.of(new GroupId(group)),
                f.responsible(), f.firstContact(), f.lastActivity());
    }

    private static ContactFilter responsible(ContactFilter f, Member member) {
        return new ContactFilter(f.stages(), f.tags(), f.chains(), f.tools(), f.group(), Optional.of(member.id()),
                f.firstContact(), f.lastActivity());
    }

    private static ContactFilter firstContact(ContactFilter f, Instant from, Instant to) {
        return new ContactFilter(f.stages(), f.tags(), f.chains(), f.tools(), f.group(), f.responsible(),
                Optional.of(range(from, to)), f.lastActivity());
    }

    private static ContactFilter lastActivity(ContactFilter f, Instant from, Instant to) {
        return new ContactFilter(f.stages(), f.tags(), f.chains(), f.tools(), f.group(), f.responsible(),
                f.firstContact(), Optional.of(range(from, to)));
    }

    private static DateRange range(Instant from, Instant to) {
        return new DateRange(Optional.ofNullable(from), Optional.ofNullable(to));
    }
}
