package dev.switchboard.team.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.store.Database;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.team.internal.store.TeamUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The login throttle's counts in the database (issue 12), as several nodes see them: each node has its own
 * {@link LoginThrottle} on the one database. Run on PostgreSQL and on the embedded H2 by the subclasses.
 */
abstract class LoginThrottleSharedContract {

    private final LoginThrottleTest.MutableClock clock = new LoginThrottleTest.MutableClock();
    private PersistenceUnit unit;
    private LoginThrottle nodeA;
    private LoginThrottle nodeB;

    abstract Database database();

    @BeforeEach
    void twoNodes() {
        unit = database().open(TeamUnit.spec());
        unit.inTransaction((em, tx) -> em.createNativeQuery("delete from login_throttle").executeUpdate());
        nodeA = rules().in(unit);
        nodeB = rules().in(unit);
    }

    private LoginThrottle rules() {
        return new LoginThrottle(clock, 3, 6, Duration.ofMinutes(15), Duration.ofMinutes(10),
                new LoginThrottle.MemoryStore());
    }

    @Test
    void guessesSpreadOverNodesCountTogether() {
        nodeA.failed("anna@example.com", "203.0.113.1");
        nodeB.failed("anna@example.com", "203.0.113.2");
        nodeA.failed("anna@example.com", "203.0.113.3");
        assertThat(nodeB.lockedFor("anna@example.com", "198.51.100.1")).isEmpty();
        nodeB.failed("anna@example.com", "203.0.113.4");
        assertThat(nodeA.lockedFor("anna@example.com", "198.51.100.1")).contains(Duration.ofSeconds(1));
        assertThat(nodeB.lockedFor("anna@example.com", "198.51.100.1")).contains(Duration.ofSeconds(1));
    }

    @Test
    void aSuccessOnOneNodeClearsTheAccountOnEvery() {
        for (int i = 0; i < 4; i++) {
            nodeA.failed("boris@example.com", "203.0.113." + i);
        }
        nodeB.succeeded("boris@example.com");
        assertThat(nodeA.lockedFor("boris@example.com", "198.51.100.1")).isEmpty();
    }

    @Test
    void failuresAtTheSameMomentOnTwoNodesAreAllCounted() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                LoginThrottle node = i % 2 == 0 ? nodeA : nodeB;
                int n = i;
                all.add(pool.submit(() -> node.failed("victim" + n + "@example.com", "203.0.113.66")));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        LoginThrottle.State address = new ThrottleTable(unit, s -> clock.instant())
                .read(LoginThrottle.addressKey("203.0.113.66")).orElseThrow();
        assertThat(address.failures()).isEqualTo(40);
        // 40 failures, 6 free: 2^33 s is more than the maximum
        assertThat(nodeA.lockedFor("anyone@example.com", "203.0.113.66")).contains(Duration.ofMinutes(10));
    }

    @Test
    void theTableKeepsNeitherEMailsNorAddresses() {
        nodeA.failed("clara@example.com", "203.0.113.7");
        List<?> rows = unit.read((em, tx) -> em.createNativeQuery("select key_hash from login_throttle")
                .getResultList());
        assertThat(rows).hasSize(2).allSatisfy(key -> assertThat((String) key).matches("[0-9a-f]{64}")
                .doesNotContain("clara").doesNotContain("203.0"));
    }

    @Test
    void rowsThatNoLongerMatterAreDeleted() {
        for (int i = 0; i < 5; i++) {
            nodeA.failed("dora@example.com", "203.0.113.8");
        }
        ThrottleTable table = new ThrottleTable(unit, s -> clock.instant());
        assertThat(table.size()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(16));
        nodeB.failed("erik@example.com", "198.51.100.9");
        assertThat(table.size()).as("only erik's and his address's rows").isEqualTo(2);
        assertThat(nodeB.lockedFor("dora@example.com", "203.0.113.8")).isEmpty();
    }
}
