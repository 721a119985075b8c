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
