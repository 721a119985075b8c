package dev.switchboard.itest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution's {@code data/log/karaf.log} read as log entries: a line written with the distribution's log
 * pattern ({@code date | LEVEL | thread | logger | bundle | message}) and the lines under it, e.g. its stack
 * trace. Only JDK classes, so that it also runs inside a Pax Exam container.
 */
final class KarafLog {

    /** The start of a line of {@code log4j2.pattern} in etc/org.ops4j.pax.logging.cfg: ISO 8601 date, level. */
    private static final Pattern ENTRY =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[,.]\\d+ \\| (\\w+)\\s*\\|");

    private KarafLog() {
    }

    /** One log entry: its level and its lines, the first one written with the log pattern. */
    record Entry(String level, List<String> lines) {

        String text() {
            return String.join("\n", lines);
        }
    }

    /**
     * Every entry of the log file, in order. Lines before the first entry (the launcher's own output, before
     * pax-logging starts) belong to no entry.
     */
    static List<Entry> entries(Path log) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String level = null;
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher start = ENTRY.matcher(line);
            if (start.find()) {
                if (level != null) {
                    entries.add(new Entry(level, List.copyOf(lines)));
                }
                level = start.group(1);
                lines.clear();
            }
            if (level != null) {
                lines.add(line);
            }
        }
        if (level != null) {
            entries.add(new Entry(level, List.copyOf(lines)));
        }
        return entries;
    }

    /** The entries logged at ERROR, each with its stack trace, as text: what "no ERROR in karaf.log" checks. */
    static List<String> errors(Path log) throws IOException {
        return entries(log).stream().filter(e -> e.level().equals("ERROR")).map(Entry::text).toList();
    }

    /**
     * Stricter than {@link #errors}: also every entry, at any level, that carries an exception, except the push
     * transport's client-disconnect warnings that the distribution's logging configuration downgrades from ERROR
     * (vaadin/flow#18835: a browser that reloads or closes while a poll is pending).
     */
    static List<String> problems(Path log) throws IOException {
        return entries(log).stream()
                .filter(e -> e.level().equals("ERROR") || (hasException(e) && !pushDisconnect(e)))
                .map(Entry::text).toList();
    }

    private static boolean hasException(Entry e) {
        return e.lines().stream().anyMatch(l -> l.startsWith("\tat ") || l.contains("Exception"));
    }

    private static boolean pushDisconnect(Entry e) {
        String first = e.lines().get(0);
        return e.level().equals("WARN")
                && (first.contains("| AsynchronousProcessor ") || first.contains("| PushAtmosphereHandler "));
    }
}
