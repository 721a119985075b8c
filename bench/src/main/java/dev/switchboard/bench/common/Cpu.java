package dev.switchboard.bench.common;

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
 * CPU time of processes on this Linux host, read from {@code /proc}: on a shared machine the CPU a benchmark's
 * processes used per operation says more than wall time. Linux counts in clock ticks of 10 ms, so a figure is only
 * meaningful over thousands of operations.
 */
public final class Cpu {

    /** Linux's clock ticks per second, in which /proc/PID/stat counts CPU time. */
    private static final double TICKS = 100.0;

    private Cpu() {
    }

    /** User and system CPU of a process in milliseconds; -1 when /proc cannot tell (gone, not Linux). */
    public static double millis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS * 1000;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The CPU in milliseconds of each thread of a process, summed by the thread's name with its digits dropped
     * ({@code qtp123-45} and {@code qtp123-46} are one group {@code qtp-}): where a JVM's CPU goes, the JIT's and
     * the collector's threads included. Names are cut to 15 characters by Linux. Empty where /proc cannot tell.
     */
    public static Map<String, Double> threads(long pid) {
        Map<String, Double> cpu = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "");
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    cpu.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS * 1000, Double::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return cpu;
    }

    /**
     * "group ms, ..." per call between two {@link #threads} snapshots, largest first, groups under 2 % of the total
     * left out. Threads that ended meanwhile are not in {@code after}: with the process's whole CPU between the two
     * ({@code totalMs}, e.g. from {@link #millis}), what they used shows as "ended threads"; new threads count from
     * zero.
     */
    public static String threadsPerCall(Map<String, Double> before, Map<String, Double> after, long calls,
                                        double totalMs) {
        Map<String, Double> used = new TreeMap<>();
        after.forEach((name, ms) -> used.put(name, ms - before.getOrDefault(name, 0.0)));
        double listed = used.values().stream().mapToDouble(Double::doubleValue).sum();
        if (totalMs > listed) {
            used.put("ended threads", totalMs - listed);
        }
        double total = Math.max(totalMs, listed);
        StringBuilder out = new StringBuilder(String.format("%.3f ms in all:", total / calls));
        used.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(e -> e.getValue() >= 0.02 * total)
                .forEach(e -> out.append(String.format(" %s %.3f,", e.getKey(), e.getValue() / calls)));
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** This JVM's CPU in milliseconds (every thread), -1 where the JVM cannot tell. */
    public static double ownMillis() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e6 : -1;
    }

    /**
     * The CPU in milliseconds of every PostgreSQL backend now connected to the database {@code c} is connected to,
     * by process id, except {@code c}'s own (PostgreSQL on this host only).
     */
    public static Map<Integer, Double> backends(Connection c) throws SQLException {
        Map<Integer, Double> cpu = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select pid from pg_stat_activity"
                + " where datname = current_database() and pid <> pg_backend_pid()")) {
            while (r.next()) {
                cpu.put(r.getInt(1), millis(r.getInt(1)));
            }
        }
        return cpu;
    }

    /**
     * What the backends of {@code before} and {@code after} used between the two, in milliseconds: a backend that
     * started meanwhile counts from zero, one that ended is lost (pools keep theirs). -1 when /proc could not tell.
     */
    public static double backendsBetween(Map<Integer, Double> before, Map<Integer, Double> after) {
        double used = 0;
        for (Map.Entry<Integer, Double> b : after.entrySet()) {
            double was = before.getOrDefault(b.getKey(), 0.0);
            if (b.getValue() < 0 || was < 0) {
                return -1;
            }
            used += b.getValue() - was;
        }
        return used;
    }
}
