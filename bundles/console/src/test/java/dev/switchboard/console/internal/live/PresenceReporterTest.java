package dev.switchboard.console.internal.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.team.Presence;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console reports the members with an open page to {@link Presence} (issue 10): at once when a page opens, then
 * every round while one of their pages is open, on a thread of its own, and a failing report never disturbs a page.
 */
class PresenceReporterTest {

    static final MemberId ANNA = new MemberId(1);
    static final MemberId BORIS = new MemberId(2);

    /** Remembers who was reported; fails for the members in {@code failing}. */
    static final class RecordingPresence implements Presence {
        final List<MemberId> seen = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile Set<MemberId> failing = Set.of();
        volatile CountDownLatch reports = new CountDownLatch(1);

        @Override
        public void seen(MemberId member) {
            threads.add(Thread.currentThread().getName());
            if (failing.contains(member)) {
                throw new IllegalStateException("database away");
            }
            seen.add(member);
            reports.countDown();
        }

        @Override
        public boolean anyoneOnline(ProjectId project) {
            throw new UnsupportedOperationException();
        }
    }

    final RecordingPresence presence = new RecordingPresence();
    PresenceReporter reporter;

    @AfterEach
    void stop() {
        if (reporter != null) {
            reporter.stop();
        }
    }

    /** A reporter whose rounds the test runs by hand. */
    PresenceReporter byHand() {
        return new PresenceReporter(presence, Executors.newSingleThreadScheduledExecutor(), Duration.ofHours(1));
    }

    @Test
    void WIDGET_aMemberWhosePageOpensIsReportedAtOnceOffThePagesThread() throws InterruptedException {
        reporter = new PresenceReporter(presence);
        reporter.opened(ANNA);
        assertThat(presence.reports.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(presence.seen).containsExactly(ANNA);
        assertThat(presence.threads).containsExactly("switchboard-console-presence");
    }

    @Test
    void WIDGET_everyRoundReportsEachMemberWithAnOpenPageOnceAndNobodyElse() throws InterruptedException {
        reporter = byHand();
        presence.reports = new CountDownLatch(3);
        Runnable annasFirst = reporter.opened(ANNA);
        Runnable annasSecond = reporter.opened(ANNA);
        Runnable boris = reporter.opened(BORIS);
        assertThat(presence.reports.await(5, TimeUnit.SECONDS)).isTrue();
        presence.seen.clear();

        reporter.reportOpen();
        assertThat(presence.seen).containsExactlyInAnyOrder(ANNA, BORIS);

        boris.run();
        annasFirst.run();
        annasFirst.run();
        presence.seen.clear();
        reporter.reportOpen();
        assertThat(presence.seen).as("Anna still has a page open").containsExactly(ANNA);

        annasSecond.run();
        presence.seen.clear();
        reporter.reportOpen();
        assertThat(presence.seen).isEmpty();
        assertThat(reporter.members()).isZero();
    }

    @Test
    void WIDGET_aFailingReportNeitherReachesThePageNorStopsTheOthers() throws InterruptedException {
        reporter = byHand();
        presence.failing = Set.of(ANNA);
        presence.reports = new CountDownLatch(1);
        assertThatCode(() -> reporter.opened(ANNA)).doesNotThrowAnyException();
        reporter.opened(BORIS);
        assertThat(presence.reports.await(5, TimeUnit.SECONDS)).isTrue();
        presence.seen.clear();

        assertThatCode(reporter::reportOpen).doesNotThrowAnyException();
        assertThat(presence.seen).containsExactly(BORIS);
    }

    @Test
    void WIDGET_roundsRepeatWhileThePageStaysOpenAndEndWithTheConsole() throws InterruptedException {
        reporter = new PresenceReporter(presence, Executors.newSingleThreadScheduledExecutor(),
                Duration.ofMillis(20));
        presence.failing = Set.of(BORIS);
        reporter.opened(BORIS);
        presence.reports = new CountDownLatch(3);
        reporter.opened(ANNA);
        assertThat(presence.reports.await(5, TimeUnit.SECONDS)).as("a failure does not end the rounds").isTrue();

        reporter.stop();
        assertThatCode(() -> reporter.opened(ANNA)).as("a page opening while the console stops")
                .doesNotThrowAnyException();
    }
}
