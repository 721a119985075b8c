package dev.switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.slf4j.LoggerFactory;

/**
 * The distribution's logging configuration records the push transport's client-disconnect errors (Vaadin Flow
 * over Atmosphere on Jetty 12, vaadin/flow#18835) at WARN with their stack trace, and every other ERROR still at
 * ERROR. Runs inside the booted distribution (Pax Exam probe) and reads the container's own karaf.log.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PushLogLevelIT {

    private static final String ATMOSPHERE_CANCEL = "org.atmosphere.cpr.AsynchronousProcessor";
    private static final String VAADIN_PUSH = "com.vaadin.flow.server.communication.PushAtmosphereHandler";

    @Configuration
    public Option[] config() {
        return ExamOptions.distribution(ExamOptions.freePort()).toArray(new Option[0]);
    }

    @Test
    public void theContainerRunsWithTheDistributionsLoggingConfiguration() throws IOException {
        Properties cfg = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("karaf.etc"),
                "org.ops4j.pax.logging.cfg"))) {
            cfg.load(in);
        }
        assertEquals(ATMOSPHERE_CANCEL, cfg.getProperty("log4j2.logger.pushCancel.name"));
        assertEquals(VAADIN_PUSH, cfg.getProperty("log4j2.logger.pushConnection.name"));
    }

    @Test
    public void pushDisconnectErrorsAreLoggedAsWarningsWithTheirStackTrace_otherErrorsStayErrors() throws Exception {
        String run = UUID.randomUUID().toString();
        LoggerFactory.getLogger(ATMOSPHERE_CANCEL).error("Failed to cancel resource " + run,
                new NullPointerException("cancel " + run));
        LoggerFactory.getLogger(VAADIN_PUSH).error("Exception in push connection " + run,
                new RuntimeException("org.eclipse.jetty.io.EofException: Broken pipe " + run));
        // neighbours of the two loggers, and any other logger, keep their ERROR
        LoggerFactory.getLogger("org.atmosphere.cpr.AtmosphereFramework").error("Atmosphere failed " + run,
                new IllegalStateException("atmosphere " + run));
        LoggerFactory.getLogger("com.vaadin.flow.server.communication.PushHandler").error("Push failed " + run,
                new IllegalStateException("push " + run));
        LoggerFactory.getLogger(PushLogLevelIT.class).error("Something failed " + run,
                new IllegalStateException("other " + run));

        List<KarafLog.Entry> logged = awaitEntries(run, 5);

        assertLogged(logged, "WARN", "Failed to cancel resource " + run,
                "java.lang.NullPointerException: cancel " + run);
        assertLogged(logged, "WARN", "Exception in push connection " + run,
                "java.lang.RuntimeException: org.eclipse.jetty.io.EofException: Broken pipe " + run);
        assertLogged(logged, "ERROR", "Atmosphere failed " + run, "java.lang.IllegalStateException: atmosphere " + run);
        assertLogged(logged, "ERROR", "Push failed " + run, "java.lang.IllegalStateException: push " + run);
        assertLogged(logged, "ERROR", "Something failed " + run, "java.lang.IllegalStateException: other " + run);
    }

    /** Waits until karaf.log holds {@code count} entries whose first line carries {@code run}; returns them. */
    private static List<KarafLog.Entry> awaitEntries(String run, int count) throws Exception {
        Path log = Path.of(System.getProperty("karaf.log"), "karaf.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<KarafLog.Entry> found = List.of();
        while (System.nanoTime() < deadline) {
            found = KarafLog.entries(log).stream().filter(e -> e.lines().get(0).contains(run)).toList();
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(100);
        }
        fail("karaf.log " + log + " has " + found.size() + " of " + count + " entries of run " + run + ": " + found);
        return found;
    }

    /** Exactly one entry with {@code message}, at {@code level}, followed by its exception and stack frames. */
    private static void assertLogged(List<KarafLog.Entry> logged, String level, String message, String exception) {
        List<KarafLog.Entry> entries = logged.stream().filter(e -> e.lines().get(0).endsWith("| " + message))
                .toList();
        assertEquals("entries of '" + message + "': " + entries, 1, entries.size());
        KarafLog.Entry entry = entries.get(0);
        assertEquals(entry.text(), level, entry.level());
        assertTrue(entry.text(), entry.lines().size() > 2);
        assertEquals(entry.text(), exception, entry.lines().get(1));
        assertTrue(entry.text(), entry.lines().get(2).startsWith("\tat " + PushLogLevelIT.class.getName() + "."));
    }
}
