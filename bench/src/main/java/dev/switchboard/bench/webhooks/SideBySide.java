package dev.switchboard.bench.webhooks;

import dev.switchboard.bench.common.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints the figures of one {@code bench/webhooks.sh} or {@code bench/telegram.sh} run side by side: the webhook
 * endpoint, the raw single-row insert rate of the same PostgreSQL and (webhooks.sh) the engine-only ingress, with the
 * ratios. Arguments: the result files in that order (a missing file, a phase that did not run, is shown as such).
 */
public final class SideBySide {

    public static void main(String[] args) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String a : args) {
            Path file = Path.of(a);
            rows.add(Files.exists(file) ? Results.read(file) : Map.of("name", file.getFileName() + ": did not run"));
        }
        System.out.println();
        System.out.println("== Side by side (one run, one after the other, on the same PostgreSQL)");
        System.out.printf("%-58s %8s %8s %8s %8s %12s  %s%n", "figure", "per s", "p50 ms", "p95 ms", "p99 ms",
                "load start", "CPU per call (service JVM + PostgreSQL backends)");
        for (Map<String, String> r : rows) {
            System.out.printf("%-58s %8s %8s %8s %8s %12s  %s%s%n", r.get("name"), r.getOrDefault("rate", "-"),
                    r.getOrDefault("p50", "-"), r.getOrDefault("p95", "-"), r.getOrDefault("p99", "-"),
                    r.getOrDefault("loadStart", "-"), r.getOrDefault("cpu", "-"),
                    "false".equals(r.get("consistent")) ? "  (INCONSISTENT or with errors)" : "");
        }
        if (rows.size() == 2) {
            System.out.printf("webhook / raw inserts: %s%n", ratio(rate(rows.get(0)), rate(rows.get(1))));
        }
        if (rows.size() == 3) {
            double webhook = rate(rows.get(0));
            double raw = rate(rows.get(1));
            double engine = rate(rows.get(2));
            System.out.printf("webhook / raw inserts: %s; webhook / engine-only ingress: %s; engine / raw: %s%n",
                    ratio(webhook, raw), ratio(webhook, engine), ratio(engine, raw));
        }
    }

    private static double rate(Map<String, String> row) {
        try {
            return Double.parseDouble(row.getOrDefault("rate", "NaN"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "-" : String.format("%.2f", a / b);
    }
}
