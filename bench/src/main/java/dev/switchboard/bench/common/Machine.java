package dev.switchboard.bench.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What the figures were measured on, printed with them. */
public final class Machine {

    private Machine() {
    }

    /** Processors, memory, the JVM and its heap, the PostgreSQL server at {@code adminUrl}, the load average. */
    public static String describe(String adminUrl, String user) {
        String memory = "?";
        try {
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .findFirst().map(l -> String.format("%.1f GiB",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse("?");
        } catch (IOException | NumberFormatException e) {
            // not Linux: leave it unknown
        }
        String postgres;
        try (Connection c = DriverManager.getConnection(adminUrl, user, null); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select version()")) {
            r.next();
            postgres = r.getString(1);
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
    public static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return "load average (1/5/15 min): " + parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "load average: unknown";
        }
    }
}
