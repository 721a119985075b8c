package dev.switchboard.bench.search;

import dev.switchboard.api.card.ContactFilter;
import dev.switchboard.api.card.DateRange;
import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.domain.TagId;
import dev.switchboard.api.funnel.FunnelDefinition;
import dev.switchboard.api.funnel.FunnelStage;
import dev.switchboard.api.store.Database;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.Project;
import dev.switchboard.bench.common.Latencies;
import dev.switchboard.bench.common.Machine;
import dev.switchboard.card.internal.funnel.FunnelRegistry;
import dev.switchboard.card.internal.search.ContactSearchService;
import dev.switchboard.card.internal.store.CardUnit;
import dev.switchboard.chat.internal.store.ChatUnit;
import dev.switchboard.interactions.internal.store.InteractionsUnit;
import dev.switchboard.store.internal.StoreDatabase;
import dev.switchboard.store.internal.config.StoreSettings;
import dev.switchboard.team.internal.auth.Credentials;
import dev.switchboard.team.internal.auth.LoginThrottle;
import dev.switchboard.team.internal.auth.PasswordHasher;
import dev.switchboard.team.internal.service.TeamDirectory;
import dev.switchboard.team.internal.store.TeamUnit;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.osgi.framework.Constants;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * INB-7 at scale: the real {@code ContactSearchService} (the store's Database, Flyway migrations of team, chat,
 * interactions and card, EclipseLink) over 1,000,000 generated contacts of one project ({@link SearchData}) in
 * PostgreSQL database {@code sb_bench_search}. First the substring search without the trigram index (dropped
 * before the load), then the index is built and every query measured: a 3-character substring, a whole phone
 * number typed in another format, a whole e-mail, the status + tag + date-range filter, and two more filters.
 * <p>
 * As in the engine benchmarks, a hand-written harness rather than JMH: each call is a round trip of 0.1..100 ms,
 * what matters is the spread of single calls; the series are called round-robin after warm-up rounds, each with a
 * random realistic input, and percentiles are read from the sorted samples. Page size 50, the console's.
 * <p>
 * Arguments: {@code [--keep] [--contacts=1000000] [--rounds=300] [--warmup=30] [--before-rounds=60]}.
 * {@code --keep} leaves the database for the next run (reused when complete); without it it is dropped at the end.
 */
public final class SearchBench {

    private static final String NAME = "sb_bench_search";
    private static final String ADMIN_URL = System.getProperty("switchboard.bench.postgresql.url",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = System.getProperty("switchboard.bench.postgresql.user", "postgres");
    private static final int PAGE = 50;

    private record Series(String name, double targetMs, Function<SplittableRandom, Object> call,
                          Latencies latencies) {
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
            h.setLevel(java.util.logging.Level.WARNING);
        }
        boolean keep = false;
        int contacts = 1_000_000;
        int rounds = 300;
        int warmup = 30;
        int beforeRounds = 60;
        for (String a : args) {
            if (a.equals("--keep")) {
                keep = true;
            } else if (a.startsWith("--contacts=")) {
                contacts = Integer.parseInt(a.substring(11));
            } else if (a.startsWith("--rounds=")) {
                rounds = Integer.parseInt(a.substring(9));
            } else if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(a.substring(9));
            } else if (a.startsWith("--before-rounds=")) {
                beforeRounds = Integer.parseInt(a.substring(16));
            } else {
                throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        System.out.println("== Contact search (INB-7): " + contacts + " contacts in one project; " + rounds
                + " measured rounds (+" + warmup + " warm-up), page size " + PAGE);
        System.out.println(Machine.describe(ADMIN_URL, USER));
        boolean reuse = keep && exists() && complete(contacts);
        if (!reuse) {
            drop();
            admin("create database " + NAME);
        }
        try (StoreDatabase store = StoreDatabase.open(StoreSettings.postgresql(url(), USER, null))) {
            run(store, reuse, contacts, rounds, warmup, beforeRounds);
        } finally {
            if (keep) {
                System.out.println("kept database " + NAME + " (drop it with: psql -h 127.0.0.1 -U postgres -c 'drop"
                        + " database " + NAME + "')");
            } else {
                drop();
                System.out.println("dropped database " + NAME);
            }
        }
    }

    private static void run(Database database, boolean reuse, int contacts, int rounds, int warmup,
                            int beforeRounds) throws SQLException, IOException {
        Clock clock = Clock.systemUTC();
        TeamDirectory team = new TeamDirectory(database.open(TeamUnit.spec()), new Credentials(
                new PasswordHasher(8192, 1), new LoginThrottle(clock, 5, Duration.ofMinutes(1),
                Duration.ofMinutes(1))), clock);
        database.open(ChatUnit.spec());
        database.open(InteractionsUnit.spec());
        PersistenceUnit cardUnit = database.open(CardUnit.spec());
        FunnelRegistry funnels = new FunnelRegistry(cardUnit, team, new QuietEvents(), clock);
        funnels.addFunnel(new DefaultStages(), Map.of(Constants.SERVICE_ID, 1L));
        ContactSearchService search = ContactSearchService.on(cardUnit, database.dialect(), team, funnels, "RU");

        Project project;
        List<Long> members = new ArrayList<>();
        SearchData data;
        try (Connection c = jdbc()) {
            if (reuse) {
                System.out.println("reusing the data generated earlier in " + NAME);
                project = team.list().get(0);
                team.list(project.id()).forEach(m -> members.add(m.id().value()));
                data = SearchData.existing(project.id().value(), members);
            } else {
                project = team.create("Search bench");
                for (int i = 0; i < 50; i++) {
                    members.add(team.add(project.id(), "manager" + i + "@bench.example", "Manager " + i,
                            i == 0 ? Role.OWNER : Role.MANAGER).id().value());
                }
                execute(c, "drop index contact_search_trgm_ix");
                long t0 = System.nanoTime();
                System.out.println("generating into " + NAME + ":");
                data = SearchData.generate(c, project.id().value(), members, contacts);
                System.out.printf("loaded in %.0f s%n", (System.nanoTime() - t0) / 1e9);
                // what autovacuum does after a load: statistics, and the visibility map index-only scans need
                execute(c, "vacuum analyze");
            }
            System.out.println("database: " + scalar(c, "select count(*) from contact") + " contacts, "
                    + scalar(c, "select count(*) from contact_tag") + " tag rows, "
                    + scalar(c, "select count(*) from chat") + " chats; size "
                    + scalar(c, "select pg_database_size(current_database()) / (1024 * 1024)") + " MiB");
            Inputs inputs = new Inputs(c, data);
            Member viewer = team.find(new MemberId(members.get(1))).orElseThrow();
            ProjectId p = project.id();

            if (beforeRounds > 0) {
                execute(c, "drop index if exists contact_search_trgm_ix");
                execute(c, "analyze contact");
                System.out.println();
                System.out.println("-- before: without the trigram index (plain LIKE, as on H2)");
                List<Series> before = List.of(
                        new Series("3-character substring", 50, r -> search.search(p, viewer.id(),
                                inputs.substring(r), Optional.empty(), PAGE), new Latencies()),
                        new Series("whole phone, another format", 20, r -> search.search(p, viewer.id(),
                                inputs.phone(r), Optional.empty(), PAGE), new Latencies()),
                        new Series("whole e-mail", 20, r -> search.search(p, viewer.id(), inputs.email(r),
                                Optional.empty(), PAGE), new Latencies()));
                measure(before, beforeRounds, Math.min(warmup, 10));
                explain(c, data, inputs);
                long t0 = System.nanoTime();
                execute(c, "create index contact_search_trgm_ix on contact using gin (search_text gin_trgm_ops)");
                System.out.printf("%ntrigram index built in %.0f s, %d MiB%n", (System.nanoTime() - t0) / 1e9,
                        scalar(c, "select pg_relation_size('contact_search_trgm_ix') / (1024 * 1024)"));
                execute(c, "analyze contact");
            }
            System.out.println();
            System.out.println("-- after: with the trigram index (migration V10)");
            List<Series> after = List.of(
                    new Series("3-character substring", 50, r -> search.search(p, viewer.id(),
                            inputs.substring(r), Optional.empty(), PAGE), new Latencies()),
                    new Series("whole phone, another format", 20, r -> search.search(p, viewer.id(),
                            inputs.phone(r), Optional.empty(), PAGE), new Latencies()),
                    new Series("whole e-mail", 20, r -> search.search(p, viewer.id(), inputs.email(r),
                            Optional.empty(), PAGE), new Latencies()),
                    new Series("filter status + tag + date range", 50, r -> search.filter(p, viewer.id(),
                            inputs.statusTagDates(r), Optional.empty(), PAGE), new Latencies()),
                    new Series("filter responsible + last activity", 50, r -> search.filter(p, viewer.id(),
                            inputs.responsibleActivity(r), Optional.empty(), PAGE), new Latencies()),
                    new Series("filter group + 2 tags", 50, r -> search.filter(p, viewer.id(),
                            inputs.groupTags(r), Optional.empty(), PAGE), new Latencies()));
            measure(after, rounds, warmup);
            explain(c, data, inputs);
        }
    }

    private static void measure(List<Series> series, int rounds, int warmup) {
        SplittableRandom random = new SplittableRandom(7);
        long started = System.nanoTime();
        for (int round = 0; round < warmup + rounds; round++) {
            if (round > 0 && round % 100 == 0) {
                System.out.printf("  round %d of %d, %.0f s%n", round, warmup + rounds,
                        (System.nanoTime() - started) / 1e9);
            }
            for (Series s : series) {
                long t0 = System.nanoTime();
                Object result = s.call.apply(random);
                long took = System.nanoTime() - t0;
                if (!(result instanceof Page<?>)) {
                    throw new IllegalStateException(s.name);
                }
                if (round >= warmup) {
                    s.latencies.record(took);
                }
            }
        }
        System.out.printf("%-40s %8s %8s %8s %8s  %s%n", "query (" + rounds + " calls each)", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "target p95");
        for (Series s : series) {
            Latencies l = s.latencies;
            System.out.printf("%-40s %8.2f %8.2f %8.2f %8.2f  < %.0f ms: %s%n", s.name, l.millis(0.5),
                    l.millis(0.95), l.millis(0.99), l.millis(1.0), s.targetMs,
                    l.millis(0.95) < s.targetMs ? "yes" : "NO");
        }
        System.out.println(Machine.load());
    }

    /** EXPLAIN ANALYZE of one input of each kind, with the SQL ContactSearchService sends (literals inlined). */
    private static void explain(Connection c, SearchData data, Inputs inputs) throws SQLException {
        String columns = "select c.id, c.first_name, c.last_name, c.phone, c.email, c.funnel_key, c.funnel_stage,"
                + " c.created_at from contact c where c.project_id = " + data.project;
        String order = " order by c.created_at desc, c.id desc limit " + (PAGE + 1);
        SplittableRandom random = new SplittableRandom(11);
        String sub = inputs.substring(random);
        String phone = inputs.phone(random);
        String e164 = "+7" + phone.replaceAll("\\D", "").substring(phone.replaceAll("\\D", "").length() - 10);
        String email = inputs.email(random).toLowerCase(Locale.ROOT);
        Instant from = data.end.minus(Duration.ofDays(200));
        Instant to = from.plus(Duration.ofDays(90));
        Map<String, String> queries = new java.util.LinkedHashMap<>();
        queries.put("substring '" + sub + "'", columns + " and (c.search_text like '%" + sub.toLowerCase(Locale.ROOT)
                + "%' escape '!')" + order);
        queries.put("phone '" + phone + "'", columns + " and (c.search_text like '%" + phone + "%' escape '!'"
                + " or c.phone = '" + e164 + "')" + order);
        queries.put("e-mail '" + email + "'", columns + " and (c.email = '" + email + "' or (c.search_text like '%"
                + email.substring(0, email.indexOf('@') + 1) + "%' escape '!' and position('" + email
                + "' in c.search_text) > 0))" + order);
        queries.put("filter stage 'desire' + tag 3 + 90 days", columns + " and c.funnel_stage in ('desire')"
                + " and exists (select 1 from contact_tag t where t.contact_id = c.id and t.tag_id = " + data.tag(2)
                + ") and c.created_at >= '" + from
                + "' and c.created_at < '" + to + "'" + order);
        queries.put("filter stage 'regular' + the rarest tag + 30 days", columns + " and c.funnel_stage in ('regular')"
                + " and exists (select 1 from contact_tag t where t.contact_id = c.id and t.tag_id = "
                + data.tag(SearchData.TAGS - 1) + ") and c.created_at >= '" + from + "' and c.created_at < '"
                + from.plus(Duration.ofDays(30)) + "'" + order);
        queries.put("filter group 3 + tags 6 and 18", columns
                + " and exists (select 1 from contact_tag t where t.contact_id = c.id and t.tag_id = " + data.tag(5)
                + ") and exists (select 1 from contact_tag t where t.contact_id = c.id and t.tag_id = " + data.tag(17)
                + ") and exists (select 1 from chat h where h.contact_id = c.id and h.project_id = " + data.project
                + " and h.group_id = 3)" + order);
        // as ContactSearchService plans them
        execute(c, "set plan_cache_mode = force_custom_plan");
        execute(c, "set max_parallel_workers_per_gather = 0");
        for (Map.Entry<String, String> q : queries.entrySet()) {
            System.out.println();
            System.out.println("EXPLAIN ANALYZE, " + q.getKey() + ":");
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("explain (analyze, buffers, costs off) " + q.getValue())) {
                while (r.next()) {
                    System.out.println("  " + r.getString(1));
                }
            }
        }
    }

    /** Random realistic inputs: what a manager types. */
    static final class Inputs {
        private final SearchData data;
        private final List<String> names = new ArrayList<>();
        private final List<String> words = new ArrayList<>();
        private final List<String> phones = new ArrayList<>();
        private final List<String> emails = new ArrayList<>();

        Inputs(Connection c, SearchData data) throws SQLException {
            this.data = data;
            names.addAll(Names.RU_MALE);
            names.addAll(Names.RU_FEMALE);
            names.addAll(Names.RU_LAST);
            names.addAll(Names.EN_FIRST);
            names.addAll(Names.EN_LAST);
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "select phone, email, about from contact where id % 997 = 0 order by id")) {
                while (r.next()) {
                    if (r.getString(1) != null) {
                        phones.add(r.getString(1));
                    }
                    if (r.getString(2) != null) {
                        emails.add(r.getString(2));
                        words.add(r.getString(2).substring(0, r.getString(2).indexOf('@')));
                    }
                    if (r.getString(3) != null) {
                        words.add(r.getString(3));
                    }
                }
            }
        }

        /** Mostly the start of a name as typed, sometimes three letters from inside an address or a note. */
        String substring(SplittableRandom r) {
            if (r.nextInt(10) < 7) {
                String name = names.get(r.nextInt(names.size()));
                String start = name.substring(0, 3);
                return r.nextBoolean() ? start : start.toLowerCase(Locale.ROOT);
            }
            String word = words.get(r.nextInt(words.size())).replaceAll("[^\\p{L}\\p{N}]", "");
            int at = r.nextInt(Math.max(1, word.length() - 2));
            return word.substring(at, Math.min(word.length(), at + 3));
        }

        /** A stored number as people write it: 8 (912) 345-67-89, +7 912 345 67 89, 9123456789, 8-912-345-67-89. */
        String phone(SplittableRandom r) {
            String d = phones.get(r.nextInt(phones.size())).substring(2);
            return switch (r.nextInt(4)) {
                case 0 -> "8 (" + d.substring(0, 3) + ") " + d.substring(3, 6) + "-" + d.substring(6, 8) + "-"
                        + d.substring(8);
                case 1 -> "+7 " + d.substring(0, 3) + " " + d.substring(3, 6) + " " + d.substring(6, 8) + " "
                        + d.substring(8);
                case 2 -> d;
                default -> "8-" + d.substring(0, 3) + "-" + d.substring(3, 6) + "-" + d.substring(6, 8) + "-"
                        + d.substring(8);
            };
        }

        String email(SplittableRandom r) {
            String e = emails.get(r.nextInt(emails.size()));
            return r.nextInt(4) == 0 ? e.toUpperCase(Locale.ROOT) : e;
        }

        /** One stage, one tag, a window of one to six months somewhere in the two years. */
        ContactFilter statusTagDates(SplittableRandom r) {
            Instant from = data.start.plus(Duration.ofDays(r.nextInt(600)));
            Instant to = from.plus(Duration.ofDays(30L * (1 + r.nextInt(6))));
            return new ContactFilter(Set.of(SearchData.STAGES[r.nextInt(SearchData.STAGES.length)]),
                    Set.of(new TagId(data.tag(r.nextInt(SearchData.TAGS)))), Set.of(), Set.of(), Optional.empty(),
                    Optional.empty(), Optional.of(new DateRange(Optional.of(from), Optional.of(to))),
                    Optional.empty());
        }

        /** A member's clients active in the last one to four weeks. */
        ContactFilter responsibleActivity(SplittableRandom r) {
            Instant from = data.end.minus(Duration.ofDays(7L * (1 + r.nextInt(4))));
            return new ContactFilter(Set.of(), Set.of(), Set.of(), Set.of(), Optional.empty(),
                    Optional.of(new MemberId(data.members.get(r.nextInt(data.members.size())))), Optional.empty(),
                    Optional.of(new DateRange(Optional.of(from), Optional.empty())));
        }

        /** A group's clients carrying two tags. */
        ContactFilter groupTags(SplittableRandom r) {
            int a = r.nextInt(SearchData.TAGS);
            int b = (a + 1 + r.nextInt(SearchData.TAGS - 1)) % SearchData.TAGS;
            return new ContactFilter(Set.of(), Set.of(new TagId(data.tag(a)), new TagId(data.tag(b))), Set.of(),
                    Set.of(), Optional.of(new GroupId(1 + r.nextInt(SearchData.GROUPS))), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
    }

    /** The six stages of funnel-default, registered as its bundle would. */
    static final class DefaultStages implements FunnelDefinition {
        @Override
        public String key() {
            return "default";
        }

        @Override
        public Map<String, String> names() {
            return Map.of("en", "Default funnel");
        }

        @Override
        public List<FunnelStage> stages() {
            List<FunnelStage> stages = new ArrayList<>();
            for (int i = 0; i < SearchData.STAGES.length; i++) {
                stages.add(new FunnelStage(SearchData.STAGES[i], Map.of("en", SearchData.STAGES[i]), i * 10,
                        "#336699"));
            }
            return stages;
        }
    }

    /** Funnel snapshots post an event after commit; nobody listens here. */
    static final class QuietEvents implements EventAdmin {
        @Override
        public void postEvent(Event event) {
        }

        @Override
        public void sendEvent(Event event) {
        }
    }

    // --- the database

    private static String url() {
        return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + NAME;
    }

    private static Connection jdbc() throws SQLException {
        return DriverManager.getConnection(url(), USER, null);
    }

    private static boolean exists() throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, null);
             PreparedStatement q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            q.setString(1, NAME);
            try (ResultSet r = q.executeQuery()) {
                return r.next();
            }
        }
    }

    private static boolean complete(int contacts) {
        try (Connection c = jdbc()) {
            return scalar(c, "select count(*) from chat") == contacts
                    && scalar(c, "select count(*) from contact") == contacts;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, null)) {
            try (PreparedStatement terminate = c.prepareStatement("select pg_terminate_backend(pid) from"
                    + " pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
                terminate.setString(1, NAME);
                terminate.execute();
            }
            execute(c, "drop database if exists " + NAME);
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, null)) {
            execute(c, sql);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
