package dev.switchboard.bench.webhooks;

import dev.switchboard.bench.common.Cpu;
import dev.switchboard.bench.common.Latencies;
import dev.switchboard.bench.common.Machine;
import dev.switchboard.bench.common.Results;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor under every ingress figure: how many single-row inserts per second this PostgreSQL commits from P
 * threads, each on its own connection in autocommit, one prepared {@code INSERT} per transaction, so every row
 * pays a round trip and a commit with its WAL flush ({@code synchronous_commit} as the server has it), as the
 * ingress's chat transaction does once per message. The table is about as wide as a {@code message} row (ids,
 * kind, connection and external id, a 40-character text, a time) with only its primary key, ids from the client:
 * nothing but the insert and the commit. Runs for a fixed time after a short warm-up, then checks the row count and
 * drops the table.
 *
 * <p>Arguments: {@code --db=JDBC_URL [--user=postgres] [--threads=8] [--warmup=5] [--seconds=60]
 * [--result=FILE]}.
 */
public final class RawInserts {

    private static final String TABLE = "bench_raw_insert";

    public static void main(String[] args) throws Exception {
        String db = null;
        String user = "postgres";
        int threads = 8;
        int warmup = 5;
        int seconds = 60;
        Path result = null;
        for (String a : args) {
            String value = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("--db=")) {
                db = value;
            } else if (a.startsWith("--user=")) {
                user = value;
            } else if (a.startsWith("--threads=")) {
                threads = Integer.parseInt(value);
            } else if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(value);
            } else if (a.startsWith("--seconds=")) {
                seconds = Integer.parseInt(value);
            } else if (a.startsWith("--result=")) {
                result = Path.of(value);
            } else {
                throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (db == null) {
            throw new IllegalArgumentException("needs --db=JDBC_URL");
        }
        System.out.println("== Raw single-row inserts: " + threads + " threads, autocommit, " + seconds + " s (+"
                + warmup + " s warm-up), table " + TABLE + " (message-wide, primary key only)");
        System.out.println(Machine.describe(db.substring(0, db.lastIndexOf('/') + 1) + "postgres", user));
        double loadStart = Results.load1();
        try (Connection admin = DriverManager.getConnection(db, user, null); Statement s = admin.createStatement()) {
            try (ResultSet r = s.executeQuery("select current_setting('synchronous_commit'),"
                    + " current_setting('shared_buffers'), current_setting('wal_level')")) {
                r.next();
                System.out.println("PostgreSQL settings: synchronous_commit " + r.getString(1) + ", shared_buffers "
                        + r.getString(2) + ", wal_level " + r.getString(3));
            }
            s.execute("drop table if exists " + TABLE);
            s.execute("create table " + TABLE + " (id bigint not null primary key, project_id bigint not null,"
                    + " chat_id bigint not null, kind varchar(8) not null, connection_id bigint,"
                    + " external_id varchar(200), text varchar(10000) not null,"
                    + " created_at timestamp with time zone not null)");
            AtomicLong ids = new AtomicLong();
            Run warm = run(db, user, threads, warmup, ids);
            System.out.printf("warm-up: %d inserts in %.1f s%n", warm.inserts, warm.seconds);
            double ownBefore = Cpu.ownMillis();
            Run measured = run(db, user, threads, seconds, ids, true);
            double own = Cpu.ownMillis() - ownBefore;
            double loadEnd = Results.load1();
            long rows;
            try (ResultSet r = s.executeQuery("select count(*) from " + TABLE)) {
                r.next();
                rows = r.getLong(1);
            }
            double rate = measured.inserts / measured.seconds;
            System.out.printf("throughput: %.0f inserts/s (%d committed in %.1f s)%n", rate, measured.inserts,
                    measured.seconds);
            System.out.println("insert latency (execute to commit's answer): " + measured.latencies.summary());
            String backends = measured.backendMs < 0 ? "unknown"
                    : String.format("%.3f ms", measured.backendMs / measured.inserts);
            System.out.printf("CPU per insert: PostgreSQL backends %s, this driver %.3f ms%n", backends,
                    own / measured.inserts);
            String cpu = String.format("- + %s (+ driver %.3f ms)", backends, own / measured.inserts);
            boolean ok = rows == warm.inserts + measured.inserts && measured.errors == 0;
            System.out.println("database: rows " + rows + " (expected " + (warm.inserts + measured.inserts)
                    + "), errors " + measured.errors);
            s.execute("drop table " + TABLE);
            System.out.println("at the end, " + Machine.load());
            System.out.println(ok ? "RESULT: consistent" : "RESULT: INCONSISTENT");
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("name", "raw single-row inserts (JDBC, autocommit)");
            figures.put("rate", String.format("%.0f", rate));
            figures.put("calls", measured.inserts);
            figures.put("seconds", String.format("%.1f", measured.seconds));
            figures.put("p50", String.format("%.2f", measured.latencies.millis(0.50)));
            figures.put("p95", String.format("%.2f", measured.latencies.millis(0.95)));
            figures.put("p99", String.format("%.2f", measured.latencies.millis(0.99)));
            figures.put("loadStart", loadStart);
            figures.put("loadEnd", loadEnd);
            figures.put("cpu", cpu);
            figures.put("consistent", ok);
            Results.write(result, figures);
        }
    }

    private record Run(long inserts, double seconds, Latencies latencies, long errors, double backendMs) {
    }

    private static Run run(String db, String user, int threads, int seconds, AtomicLong ids) throws Exception {
        return run(db, user, threads, seconds, ids, false);
    }

    /** Inserts for {@code seconds} on connections of their own; with {@code cpu}, also what their backends used. */
    private static Run run(String db, String user, int threads, int seconds, AtomicLong ids, boolean cpu)
            throws Exception {
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Connection c = DriverManager.getConnection(db, user, null);
            c.setAutoCommit(true);
            connections.add(c);
        }
        Map<Integer, Double> start = null;
        if (cpu) {
            try (Connection c = DriverManager.getConnection(db, user, null)) {
                start = Cpu.backends(c);
            }
        }
        Latencies[] perThread = new Latencies[threads];
        long[] counts = new long[threads];
        AtomicLong errors = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            perThread[t] = new Latencies();
            Thread worker = new Thread(() -> {
                try (PreparedStatement insert = connections.get(me).prepareStatement("insert into " + TABLE
                        + " (id, project_id, chat_id, kind, connection_id, external_id, text, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ready.countDown();
                    go.await();
                    while (System.nanoTime() < deadline[0]) {
                        long id = ids.incrementAndGet();
                        insert.setLong(1, id);
                        insert.setLong(2, 1);
                        insert.setLong(3, id / 3);
                        insert.setString(4, "INBOUND");
                        insert.setLong(5, 1 + me % 2);
                        insert.setString(6, "raw-t" + me + "-m" + id);
                        insert.setString(7, "Hello, I have a question about order " + id);
                        insert.setObject(8, OffsetDateTime.now(ZoneOffset.UTC));
                        long t0 = System.nanoTime();
                        try {
                            insert.executeUpdate();
                            counts[me]++;
                        } catch (SQLException e) {
                            if (errors.incrementAndGet() <= 5) {
                                System.out.println("insert failed: " + e);
                            }
                        }
                        perThread[me].record(System.nanoTime() - t0);
                    }
                } catch (SQLException | InterruptedException e) {
                    System.out.println("inserter " + me + " stopped: " + e);
                }
            }, "inserter-" + t);
            worker.start();
            workers.add(worker);
        }
        ready.await();
        long t0 = System.nanoTime();
        deadline[0] = t0 + seconds * 1_000_000_000L;
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double backendMs = -1;
        if (start != null) {
            try (Connection c = DriverManager.getConnection(db, user, null)) {
                backendMs = Cpu.backendsBetween(start, Cpu.backends(c));
            }
        }
        for (Connection c : connections) {
            c.close();
        }
        Latencies all = new Latencies();
        long inserts = 0;
        for (int t = 0; t < threads; t++) {
            all.addAll(perThread[t]);
            inserts += counts[t];
        }
        return new Run(inserts, elapsed, all, errors.get(), backendMs);
    }
}
