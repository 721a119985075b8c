package dev.switchboard.team.internal.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.domain.Role;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.Project;
import dev.switchboard.store.testing.PostgresDatabase;
import dev.switchboard.team.internal.auth.Credentials;
import dev.switchboard.team.internal.auth.LoginThrottle;
import dev.switchboard.team.internal.auth.PasswordHasher;
import dev.switchboard.team.internal.service.TeamDirectory;
import dev.switchboard.team.internal.store.TeamUnit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who has the console open, on PostgreSQL (issue 10: the website widget's "we answer later"): a member seen within
 * two minutes makes their project online, on every node, while the writes and reads stay few.
 */
class PresenceOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static PersistenceUnit unit;
    static TeamDirectory team;
    static int projects;

    final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T10:00:00Z"));
    MemberPresence presence;
    Project project;
    Member anna;
    Member boris;

    @BeforeAll
    static void open() {
        unit = DB.database().open(TeamUnit.spec());
        team = new TeamDirectory(unit, new Credentials(new PasswordHasher(8192, 1),
                new LoginThrottle(Clock.systemUTC(), 5, Duration.ofMinutes(1), Duration.ofMinutes(1))),
                Clock.systemUTC());
    }

    @BeforeEach
    void aProjectOfTwo() {
        presence = new MemberPresence(unit, clock);
        project = team.create("Shop " + (++projects));
        anna = team.add(project.id(), "anna" + projects + "@shop.example", "Anna", Role.OWNER);
        boris = team.add(project.id(), "boris" + projects + "@shop.example", "Boris", Role.MANAGER);
    }

    Instant lastSeen(Member m) {
        List<List<Object>> rows = DB.rows("select last_seen_at from member where id = " + m.id().value());
        Object value = rows.get(0).get(0);
        return value == null ? null : ((java.sql.Timestamp) value).toInstant();
    }

    @Test
    void WIDGET_aMemberWithTheConsoleOpenMakesTheirProjectOnlineAndNoOther() {
        Project other = team.create("Other shop " + projects);
        team.add(other.id(), "olga" + projects + "@other.example", "Olga", Role.OWNER);
        assertThat(presence.anyoneOnline(project.id())).isFalse();
        assertThat(lastSeen(anna)).isNull();

        presence.seen(anna.id());
        assertThat(lastSeen(anna)).isEqualTo(clock.instant());
        assertThat(presence.anyoneOnline(project.id())).as("at once on this node").isTrue();
        assertThat(presence.anyoneOnline(other.id())).isFalse();
    }

    @Test
    void WIDGET_aMemberNotSeenForTwoMinutesIsAway() {
        presence.seen(anna.id());
        clock.advance(Duration.ofMinutes(2).minusSeconds(1));
        assertThat(presence.anyoneOnline(project.id())).isTrue();
        clock.advance(Duration.ofSeconds(2).plus(MemberPresence.ANSWER_KEPT));
        assertThat(presence.anyoneOnline(project.id())).isFalse();

        presence.seen(boris.id());
        assertThat(presence.anyoneOnline(project.id())).as("another member came").isTrue();
    }

    @Test
    void WIDGET_aMemberIsWrittenAtMostEveryHalfMinute() {
        Instant first = clock.instant();
        presence.seen(anna.id());
        clock.advance(Duration.ofSeconds(29));
        presence.seen(anna.id());
        assertThat(lastSeen(anna)).isEqualTo(first);
        clock.advance(Duration.ofSeconds(1));
        presence.seen(anna.id());
        assertThat(lastSeen(anna)).isEqualTo(first.plusSeconds(30));
        assertThat(lastSeen(boris)).as("only the member seen").isNull();
    }

    @Test
    void WIDGET_anotherNodeSeesTheMemberThroughTheDatabaseOnceItsAnswerIsOld() {
        MemberPresence otherNode = new MemberPresence(unit, clock);
        assertThat(otherNode.anyoneOnline(project.id())).isFalse();
        presence.seen(anna.id());
        assertThat(otherNode.anyoneOnline(project.id())).as("its answer is kept a few seconds").isFalse();
        clock.advance(MemberPresence.ANSWER_KEPT);
        assertThat(otherNode.anyoneOnline(project.id())).isTrue();

        // and it writes on its own: this node's throttle does not hold the other node's reports back
        clock.advance(Duration.ofSeconds(1));
        otherNode.seen(anna.id());
        assertThat(lastSeen(anna)).isEqualTo(clock.instant());
    }

    @Test
    void WIDGET_theAnswerIsKeptAFewSecondsThenAskedAgain() {
        presence.seen(anna.id());
        assertThat(presence.anyoneOnline(project.id())).isTrue();
        DB.rows("update member set last_seen_at = null where project_id = " + project.id().value() + " returning id");
        assertThat(presence.anyoneOnline(project.id())).isTrue();
        clock.advance(MemberPresence.ANSWER_KEPT);
        assertThat(presence.anyoneOnline(project.id())).isFalse();
    }

    /** A clock the tests move by hand. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
