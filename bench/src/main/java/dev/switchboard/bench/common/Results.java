package dev.switchboard.bench.common;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A benchmark's headline figures in a small properties file, for a script that runs several benchmarks and puts
 * their figures side by side ({@code bench/webhooks.sh}). The printed report stays the record; this is only its
 * summary.
 */
public final class Results {

    private Results() {
    }

    /** Writes {@code figures} to {@code file}, when a file was asked for. */
    public static void write(Path file, Map<String, ?> figures) {
        if (file == null) {
            return;
        }
        Properties p = new Properties();
        figures.forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, String> read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> figures = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> figures.put(k, p.getProperty(k)));
        return figures;
    }

    /** The 1-minute load average now, or NaN. */
    public static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
