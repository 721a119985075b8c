package dev.switchboard.bench.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/** What the figures were measured on, printed with them. */
final class Machine {

    /** Flyway logs through java.util.logging here (no OSGi log service): keep its per-migration lines out. */
    private static final java.util.logging.Logger JUL_ROOT = java.util.logging.Logger.getLogger("");

    private Machine() {
    }

    static {
        JUL_ROOT.setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler h : JUL_ROOT.getHandlers()) {
            h.setLevel(java.util.logging.Level.WARNING);
        }
    }

    static String describe() {
        String memory = "?";
        try {
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .findFirst().map(l -> String.format("%.1f GiB",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse("?");
        } catch (IOException | NumberFormatException e) {
            // not Linux: leave it unknown
        }
        String postgres;
        try {
            postgres = BenchDatabase.postgresVersion();
        } catch (SQLException e) {
            postgres = "unreachable: " + e.getMessage();
        }
        return "machine: nproc " + Runtime.getRuntime().availableProcessors() + ", memory " + memory
                + "\nJVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB"
                + "\nPostgreSQL: " + postgres
                + "\n" + load();
    }

    /** The load average: the machine is shared, so other work running at the same time shows here. */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return "load average (1/5/15 min): " + parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "load average: unknown";
        }
    }
}
