package dev.switchboard.bench.engine;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * What PostgreSQL's statistics say the bench database did between two snapshots: transactions committed and
 * rolled back, and per table the sequential and index scans and rows written. Backends report their statistics
 * when idle, at most once a second, so a snapshot waits two seconds first. Also the CPU time the benchmark's JVM
 * and the database's backends (read from {@code /proc}, so only with PostgreSQL on this Linux host) used: on a
 * shared machine CPU time per message says more than wall time.
 */
final class DatabaseWork {

    private record Table(long seqScans, long idxScans, long inserted, long updated) {
    }

    /** Linux's clock ticks per second, in which /proc/PID/stat counts CPU time. */
    private static final double TICKS = 100.0;

    private final long commits;
    private final long rollbacks;
    private final Map<String, Table> tables;
    private final long jvmCpuNanos;
    private final Map<Integer, Long> backendTicks;

    private DatabaseWork(long commits, long rollbacks, Map<String, Table> tables, long jvmCpuNanos,
                         Map<Integer, Long> backendTicks) {
        this.commits = commits;
        this.rollbacks = rollbacks;
        this.tables = tables;
        this.jvmCpuNanos = jvmCpuNanos;
        this.backendTicks = backendTicks;
    }

    static DatabaseWork snapshot(BenchDatabase db) throws SQLException, InterruptedException {
        Thread.sleep(2_000);
        try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
            s.execute("select pg_stat_clear_snapshot()");
            long commits;
            long rollbacks;
            try (ResultSet r = s.executeQuery("select xact_commit, xact_rollback from pg_stat_database"
                    + " where datname = current_database()")) {
                r.next();
                commits = r.getLong(1);
                rollbacks = r.getLong(2);
            }
            Map<String, Table> tables = new TreeMap<>();
            try (ResultSet r = s.executeQuery("select relname, seq_scan, coalesce(idx_scan, 0), n_tup_ins, n_tup_upd"
                    + " from pg_stat_user_tables")) {
                while (r.next()) {
                    tables.put(r.getString(1), new Table(r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5)));
                }
            }
            Map<Integer, Long> ticks = new TreeMap<>();
            try (ResultSet r = s.executeQuery("select pid from pg_stat_activity where datname = current_database()"
                    + " and pid <> pg_backend_pid()")) {
                while (r.next()) {
                    ticks.put(r.getInt(1), ticks(r.getInt(1)));
                }
            }
            return new DatabaseWork(commits, rollbacks, tables, jvmCpu(), ticks);
        }
    }

    private static long jvmCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** User and system CPU ticks of a process; -1 where /proc cannot tell. */
    private static long ticks(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU per call since {@code before}: "JVM ms + backends ms", as the side-by-side summary shows it. */
    String cpuPerCall(DatabaseWork before, long calls) {
        long backends = 0;
        boolean known = !backendTicks.isEmpty();
        for (Map.Entry<Integer, Long> b : backendTicks.entrySet()) {
            long was = before.backendTicks.getOrDefault(b.getKey(), 0L);
            known &= b.getValue() >= 0 && was >= 0;
            backends += b.getValue() - was;
        }
        return String.format("%.3f ms + %s", (jvmCpuNanos - before.jvmCpuNanos) / 1e6 / calls,
                known ? String.format("%.3f ms", backends / TICKS * 1000 / calls) : "?");
    }

    /** Per message since {@code before}: transactions, and every table that was scanned or written. */
    String since(DatabaseWork before, long messages) {
        StringBuilder out = new StringBuilder(String.format(
                "database work per accept call: %.2f transactions committed, %.3f rolled back (reads and retries)%n",
                (commits - before.commits) / (double) messages, (rollbacks - before.rollbacks) / (double) messages));
        if (jvmCpuNanos >= 0 && before.jvmCpuNanos >= 0) {
            long backends = 0;
            boolean known = !backendTicks.isEmpty();
            for (Map.Entry<Integer, Long> b : backendTicks.entrySet()) {
                long was = before.backendTicks.getOrDefault(b.getKey(), 0L);
                known &= b.getValue() >= 0 && was >= 0;
                backends += b.getValue() - was;
            }
            out.append(String.format("CPU per accept call: benchmark JVM %.3f ms, PostgreSQL backends %s%n",
                    (jvmCpuNanos - before.jvmCpuNanos) / 1e6 / messages,
                    known ? String.format("%.3f ms", backends / TICKS * 1000 / messages) : "unknown (not on this host)"));
        }
        out.append("  per table and accept call: sequential scans / index scans / rows inserted / rows updated\n");
        tables.forEach((name, t) -> {
            Table b = before.tables.getOrDefault(name, new Table(0, 0, 0, 0));
            long seq = t.seqScans - b.seqScans;
            long idx = t.idxScans - b.idxScans;
            long ins = t.inserted - b.inserted;
            long upd = t.updated - b.updated;
            if (seq + idx + ins + upd > 0) {
                out.append(String.format("  %-28s %.3f / %.3f / %.3f / %.3f%n", name, seq / (double) messages,
                        idx / (double) messages, ins / (double) messages, upd / (double) messages));
            }
        });
        return out.toString();
    }
}
