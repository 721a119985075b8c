package dev.switchboard.bench.engine;

import dev.switchboard.api.chat.ChatSummary;
import dev.switchboard.api.chat.InboxTab;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.team.Member;
import dev.switchboard.bench.common.Latencies;
import dev.switchboard.bench.common.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * INB-2..6 at scale: the real {@code InboxQueries} over a generated project ({@link InboxData}: 1,000,000 chats,
 * 10,000,000 messages, 200 members by default) in a PostgreSQL database of its own. For three viewers (the owner,
 * the busiest manager, a restricted manager) it measures, per tab, the first page and a deep keyset page (the page
 * after row 10,000, or after the middle of a smaller tab), and the four counts of {@code counts(...)}; page size 50
 * as the console's default.
 *
 * <p>A hand-written harness rather than JMH: each measured operation is a round trip to PostgreSQL of 0.1 to
 * 100 ms, far above the JIT and timer effects JMH exists to control, and what matters is the spread of single
 * calls (p95/p99), not an average throughput. So every query is called once per round, round-robin, after warm-up
 * rounds (JIT, connection pool, PostgreSQL's buffer cache); the rounds interleave the queries so that noise from
 * other work on the machine spreads over all of them alike; each call's {@code System.nanoTime} duration is
 * recorded and percentiles are read from the sorted samples.
 *
 * <p>Arguments: {@code [--keep] [--rounds=100] [--warmup=10] [--chats=1000000] [--messages-per-chat=10]
 * [--members=200]}. {@code --keep} keeps database {@code sb_bench_inbox} for the next run (and reuses it if a
 * complete one is there); without it the database is dropped at the end.
 */
public final class TabQueries {

    private static final int PAGE = 50;
    private static final int DEEP = 10_000;
    private static final double TARGET_P95_MS = 20;

    public static void main(String[] args) throws Exception {
        boolean keep = false;
        int rounds = 100;
        int warmup = 10;
        int chats = 1_000_000;
        int perChat = 10;
        int members = 200;
        for (String a : args) {
            if (a.equals("--keep")) {
                keep = true;
            } else if (a.startsWith("--rounds=")) {
                rounds = Integer.parseInt(a.substring(9));
            } else if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(a.substring(9));
            } else if (a.startsWith("--chats=")) {
                chats = Integer.parseInt(a.substring(8));
            } else if (a.startsWith("--messages-per-chat=")) {
                perChat = Integer.parseInt(a.substring(20));
            } else if (a.startsWith("--members=")) {
                members = Integer.parseInt(a.substring(10));
            } else {
                throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        System.out.println("== Inbox tab queries: " + chats + " chats, " + (long) chats * perChat + " messages, "
                + members + " members; " + rounds + " measured rounds (+" + warmup + " warm-up), page size " + PAGE);
        System.out.println(Machine.describe(BenchDatabase.ADMIN_URL, BenchDatabase.USER));
        try (BenchDatabase db = BenchDatabase.named("sb_bench_inbox", keep)) {
            if (db.existed() && !InboxData.complete(db)) {
                System.out.println("database " + db.name() + " is an incomplete leftover: generating it again");
                db.recreate();
            }
            try (Wiring w = new Wiring(db.store(10))) {
                generateAndMeasure(w, db, chats, perChat, members, rounds, warmup);
            }
            System.out.println("at the end, " + Machine.load());
        }
    }

    /** Generates the inbox (or finds the one kept from an earlier run), then measures it. */
    private static void generateAndMeasure(Wiring w, BenchDatabase db, int chats, int perChat, int members,
                                           int rounds, int warmup) throws java.sql.SQLException {
        InboxData data;
        if (db.existed() && InboxData.complete(db)) {
            System.out.println("reusing the data generated earlier in " + db.name());
            data = InboxData.existing(w);
        } else {
            long t0 = System.nanoTime();
            System.out.println("generating into " + db.name() + ":");
            data = InboxData.generate(w, db, chats, perChat, members);
            System.out.printf("generated in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        }
        System.out.println("database: " + db.scalar("select count(*) from chat") + " chats, "
                + db.scalar("select count(*) from message") + " messages, "
                + db.scalar("select count(*) from member") + " members, "
                + db.scalar("select count(*) from chat_participant") + " participant rows; size "
                + db.scalar("select pg_database_size(current_database()) / (1024 * 1024)") + " MiB");
        measure(w, data, rounds, warmup);
    }

    private record Series(String name, Supplier<Object> call, Latencies latencies) {
    }

    private static void measure(Wiring w, InboxData data, int rounds, int warmup) {
        List<Series> series = new ArrayList<>();
        Map<String, Member> viewers = new java.util.LinkedHashMap<>();
        viewers.put("owner", data.owner);
        viewers.put("busy manager", data.busy);
        viewers.put("restricted manager", data.restricted);
        System.out.println();
        System.out.println("rows per tab (counts) and deep-page position:");
        for (Map.Entry<String, Member> v : viewers.entrySet()) {
            Member m = v.getValue();
            Map<InboxTab, Long> counts = w.inbox.counts(data.project.id(), m.id());
            System.out.println("  " + v.getKey() + " (" + m.role() + ", rights " + m.rights() + "): " + counts);
            for (InboxTab tab : InboxTab.values()) {
                series.add(new Series(v.getKey() + " " + tab + " first page",
                        () -> w.inbox.page(data.project.id(), m.id(), tab, Optional.empty(), PAGE), new Latencies()));
                long rows = counts.get(tab);
                if (rows > 2L * PAGE) {
                    int depth = (int) Math.min(DEEP, rows / 2);
                    Optional<String> cursor = cursorAt(w, data, m, tab, depth);
                    series.add(new Series(v.getKey() + " " + tab + " page after row " + depth,
                            () -> w.inbox.page(data.project.id(), m.id(), tab, cursor, PAGE), new Latencies()));
                }
            }
            series.add(new Series(v.getKey() + " counts (4 tabs)", () -> w.inbox.counts(data.project.id(), m.id()),
                    new Latencies()));
        }
        long started = System.nanoTime();
        for (int round = 0; round < warmup + rounds; round++) {
            if (round > 0 && round % 25 == 0) {
                System.out.printf("  round %d of %d, %.0f s%n", round, warmup + rounds, (System.nanoTime() - started) / 1e9);
            }
            for (Series s : series) {
                long t0 = System.nanoTime();
                Object result = s.call.get();
                long took = System.nanoTime() - t0;
                if (result == null) {
                    throw new IllegalStateException(s.name);
                }
                if (round >= warmup) {
                    s.latencies.record(took);
                }
            }
        }
        System.out.println();
        System.out.printf("%-50s %8s %8s %8s %8s  %s%n", "query (" + rounds + " calls each)", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "p95 < 20 ms");
        int missed = 0;
        for (Series s : series) {
            Latencies l = s.latencies;
            boolean ok = l.millis(0.95) < TARGET_P95_MS;
            missed += ok ? 0 : 1;
            System.out.printf("%-50s %8.2f %8.2f %8.2f %8.2f  %s%n", s.name, l.millis(0.5), l.millis(0.95),
                    l.millis(0.99), l.maxMillis(), ok ? "yes" : "NO");
        }
        System.out.println(missed == 0 ? "every query meets the target"
                : missed + " of " + series.size() + " queries miss the target");
    }

    /** The cursor after the first {@code depth} rows, reached by paging as a user scrolling would. */
    private static Optional<String> cursorAt(Wiring w, InboxData data, Member m, InboxTab tab, int depth) {
        Optional<String> cursor = Optional.empty();
        int seen = 0;
        while (seen < depth) {
            Page<ChatSummary> page = w.inbox.page(data.project.id(), m.id(), tab, cursor,
                    Math.min(200, depth - seen));
            seen += page.items().size();
            cursor = page.next();
            if (cursor.isEmpty()) {
                break;
            }
        }
        return cursor;
    }
}
