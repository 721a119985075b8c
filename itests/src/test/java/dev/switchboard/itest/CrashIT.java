package dev.switchboard.itest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.itest.kit.Await;
import dev.switchboard.itest.kit.Http;
import dev.switchboard.itest.kit.Webhook;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * Nothing acknowledged is lost when the distribution is killed (issue 12, INB-1, MSG-2), on the embedded H2
 * database and on PostgreSQL. The real distribution runs as its own process ({@link KarafProcess}); eight senders
 * post clients' messages to the test channel's webhook as a platform does and note every one answered 200; a
 * member has queued replies to another client, which the platform accepts slowly. The JVM is killed with SIGKILL
 * while the webhooks flow and a reply is being sent, then started again. Every acknowledged message is delivered
 * again, as a platform that got no answer would: each must already be stored and come back as a duplicate, none as
 * new. The platform's own record of what it accepted (the test channel's journal, a file that outlives the
 * process) must show each queued reply exactly once: those sent before the kill are not sent again, the one cut
 * off and those still waiting are sent after the restart. The counts are printed as {@code CRASH-COUNTS} for
 * docs/reliability.md.
 * <p>
 * Why a reply in flight is never doubled here: the kill lands just after the platform began to take a reply, which it
 * holds for 1.5 s (slow mode) before it accepts it. A kill in the instant between a platform's acceptance and the outbox's commit would send that one
 * message again; only a channel that passes the message id to its platform
 * ({@code ChannelCapabilities.deduplicatesSends}) can drop such a repeat, and that instant is not what this test is
 * about.
 */
public class CrashIT {

    private static final int SENDERS = 8;
    private static final int CLIENTS_PER_SENDER = 20;
    private static final int REPLIES = 10;
    private static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(10);
    private static final String OUTBOX_CLIENT = "crash-outbox-client";

    @Test
    public void INB1_MSG2_afterKill9OnTheEmbeddedDatabase_everyAcknowledgedMessageComesBackAsADuplicate_andEachQueuedReplyIsSentOnce()
            throws Exception {
        crash("h2", "karaf-crash-h2", Map.of());
    }

    @Test
    public void INB1_MSG2_afterKill9OnPostgres_everyAcknowledgedMessageComesBackAsADuplicate_andEachQueuedReplyIsSentOnce()
            throws Exception {
        String db = "switchboard_itest_crash";
        Postgres.recreate(db);
        try {
            crash("postgresql", "karaf-crash-pg", Map.of("db.kind", "postgresql", "postgresql.url", Postgres.url(db),
                    "postgresql.user", "postgres"));
        } finally {
            Postgres.drop(db);
        }
    }

    /** A client's message the platform posted and the core answered 200. */
    private record Acknowledged(String user, String id, Webhook call) {
    }

    private void crash(String database, String dir, Map<String, String> store) throws Exception {
        Path home = Path.of(System.getProperty("switchboard.work"), dir);
        Path journal = home.resolveSibling(dir + "-platform.journal");
        Files.deleteIfExists(journal);
        KarafProcess karaf = KarafProcess.unpack(home, Map.of(
                "dev.switchboard.store.cfg", store,
                "dev.switchboard.team.cfg", Map.of("firstRun.ownerPassword", ExamOptions.OWNER_PASSWORD),
                // A dead node's claims run out after the lease: 5 s instead of the 2 minutes an installation waits,
                // and the outbox looks for due messages every half second, so that the test takes a minute or two.
                "dev.switchboard.chat.cfg", Map.of("outbox.leaseMs", "5000", "outbox.heartbeatMs", "1000",
                        "outbox.pollIntervalMs", "500"),
                "system.properties", Map.of("switchboard.itest.channel.journal", journal.toString())));
        try (karaf) {
            long started = System.nanoTime();
            karaf.start();
            ConsoleSteps steps = ConsoleSteps.withTestChannel(karaf);
            long owner = ConsoleSteps.firstNumber(karaf.shell("switchboard:member-list " + steps.project),
                    "^\\s*(\\d+)\\s*\\|\\s*" + Pattern.quote(ExamOptions.OWNER_EMAIL));
            Http http = Http.at(karaf.consoleUri());
            TestChannel channel = steps.channel;
            TestTeam team = new TestTeam(http);
            long connection = steps.connection;
            URI webhook = steps.webhook;

            // a client writes; the owner queues replies, which the platform takes 1.5 s to accept each
            assertThat(http.send(webhook, channel.signed(connection, TestChannel.message("crash-outbox-1",
                    OUTBOX_CLIENT, "Please call me back")
                    .put("first_name", "Olga"))).statusCode()).isEqualTo(200);
            channel.mode(connection, "slow:1500");
            List<Long> replies = new ArrayList<>();
            for (int i = 1; i <= REPLIES; i++) {
                replies.add(team.reply(connection, OUTBOX_CLIENT, owner, "Reply " + i + " of " + REPLIES,
                        "crash-reply-" + i));
            }

            // eight platforms' worth of webhooks, until the kill
            ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
            Map<String, Integer> other = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            long loadStarted = System.nanoTime();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                senders.submit(() -> send(sender, http, channel, connection, webhook, acknowledged, other, stop));
            }
            Thread.sleep(LOAD_BEFORE_KILL.toMillis());
            awaitASendBeginning(channel, replies);
            karaf.kill();
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
            stop.set(true);
            senders.shutdown();
            assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            List<Map<String, String>> sentBeforeKill = journal(journal);
            assertThat(sentBeforeKill).as("the kill came while replies were being sent").isNotEmpty()
                    .hasSizeLessThan(REPLIES);
            assertThat(acknowledged).as("webhooks answered 200 before the kill").hasSizeGreaterThan(100);

            karaf.start();
            Await.until(Duration.ofSeconds(60), () -> team.client(connection, OUTBOX_CLIENT, owner),
                    Optional::isPresent);
            Set<String> users = acknowledged.stream().map(Acknowledged::user).collect(Collectors.toSet());
            Map<String, Long> storedBefore = stored(team, connection, owner, users);
            Set<String> lost = acknowledged.stream().map(Acknowledged::id)
                    .filter(id -> !storedBefore.containsKey(id)).collect(Collectors.toSet());

            // the platform delivers every acknowledged message again
            ExecutorService redeliver = Executors.newFixedThreadPool(SENDERS);
            List<Future<Integer>> answers = new ArrayList<>();
            for (Acknowledged a : acknowledged) {
                answers.add(redeliver.submit(() -> http.send(webhook, a.call()).statusCode()));
            }
            Map<Integer, Integer> statuses = new HashMap<>();
            for (Future<Integer> answer : answers) {
                statuses.merge(answer.get(60, TimeUnit.SECONDS), 1, Integer::sum);
            }
            redeliver.shutdown();
            Map<String, Long> storedAfter = stored(team, connection, owner, users);
            int fresh = storedAfter.values().stream().mapToInt(Long::intValue).sum()
                    - storedBefore.values().stream().mapToInt(Long::intValue).sum();
            Set<String> twice = storedAfter.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());

            // the outbox drains: every queued reply once at the platform, over both lives of the process
            Await.until(Duration.ofSeconds(60), () -> team.client(connection, OUTBOX_CLIENT, owner).orElseThrow(),
                    c -> c.messages().stream().filter(m -> m.get("kind").equals("OUTBOUND"))
                            .allMatch(m -> m.get("delivery").equals("SENT")));
            List<Map<String, String>> sent = journal(journal);
            Map<String, Long> timesSent = sent.stream().collect(Collectors.groupingBy(s -> s.get("message"),
                    LinkedHashMap::new, Collectors.counting()));

            System.out.printf("CRASH-COUNTS database=%s acknowledged=%d notAcknowledged=%s loadSeconds=%.1f "
                            + "acknowledgedPerSecond=%.0f lostBeforeRedelivery=%d redelivered=%d answers=%s "
                            + "duplicates=%d new=%d storedTwice=%d repliesQueued=%d sentBeforeKill=%d "
                            + "sentAfterRestart=%d repliesSentOnce=%d repliesSentTwice=%d totalSeconds=%.0f%n",
                    database, acknowledged.size(), new TreeMap<>(other), loadSeconds, acknowledged.size() / loadSeconds,
                    lost.size(), answers.size(), statuses, answers.size() - fresh, fresh, twice.size(), REPLIES,
                    sentBeforeKill.size(), sent.size() - sentBeforeKill.size(),
                    timesSent.values().stream().filter(n -> n == 1).count(),
                    timesSent.values().stream().filter(n -> n > 1).count(), (System.nanoTime() - started) / 1e9);

            assertThat(lost).as("acknowledged messages missing after the restart").isEmpty();
            assertThat(statuses).as("every redelivery answered 200").containsOnlyKeys(200);
            assertThat(fresh).as("redelivered messages stored as new").isZero();
            assertThat(twice).as("messages stored twice").isEmpty();
            assertThat(timesSent).as("times the platform accepted each reply")
                    .isEqualTo(replies.stream().collect(Collectors.toMap(String::valueOf, r -> 1L,
                            (a, b) -> a, LinkedHashMap::new)));
            assertThat(sent).extracting(s -> s.get("text"))
                    .containsExactlyElementsOf(replies.stream().map(r -> "Reply " + (replies.indexOf(r) + 1)
                            + " of " + REPLIES).toList());
            assertThat(KarafLog.errors(karaf.log())).as("errors in karaf.log").isEmpty();
        }
    }

    /**
     * One platform's webhooks: clients of its own, a few new and then again and again, each message once, until
     * told to stop or a call gets no answer; every call answered 200 is noted.
     */
    private static void send(int sender, Http http, TestChannel channel, long connection, URI webhook,
                             ConcurrentLinkedQueue<Acknowledged> acknowledged, Map<String, Integer> other,
                             AtomicBoolean stop) {
        for (int n = 0; !stop.get(); n++) {
            String user = "crash-s" + sender + "-c" + (n % CLIENTS_PER_SENDER);
            String id = "crash-s" + sender + "-m" + n;
            try {
                Webhook call = channel.signed(connection, TestChannel.message(id, user, "Message " + n
                        + " from the clients of platform " + sender).put("first_name", "Client")
                        .put("last_name", user));
                HttpResponse<String> answer = http.send(webhook, call);
                if (answer.statusCode() == 200) {
                    acknowledged.add(new Acknowledged(user, id, call));
                } else {
                    other.merge(Integer.toString(answer.statusCode()), 1, Integer::sum);
                }
            } catch (IOException | InterruptedException gone) {
                // the distribution was killed under this call: not acknowledged, so the platform owes nothing; this
                // sender stops, as the distribution is gone
                other.merge("no answer", 1, Integer::sum);
                return;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Returns as soon as the platform has begun to take one of the replies: a reply in its sends under way that was
     * not there a moment ago. The platform holds each for 1.5 s (slow mode) before it accepts it, so a kill now
     * lands while it holds it, far from the instant it accepts one.
     */
    private static void awaitASendBeginning(TestChannel channel, List<Long> replies) throws Exception {
        Set<String> queued = replies.stream().map(String::valueOf).collect(Collectors.toSet());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Set<String> before = underWay(channel, queued);
        while (System.nanoTime() < deadline) {
            Thread.sleep(20);
            Set<String> now = underWay(channel, queued);
            if (!before.containsAll(now)) {
                return;
            }
            before = now;
        }
        throw new AssertionError("no reply began to be sent within 30 s");
    }

    private static Set<String> underWay(TestChannel channel, Set<String> queued) throws Exception {
        return channel.sending().stream().map(s -> s.get("message")).filter(queued::contains)
                .collect(Collectors.toSet());
    }

    /** How many times each platform message id of the clients is stored. */
    private static Map<String, Long> stored(TestTeam team, long connection, long member, Set<String> users)
            throws Exception {
        Map<String, Long> stored = new ConcurrentHashMap<>();
        for (String user : users) {
            team.client(connection, user, member).ifPresent(c -> c.externalIds()
                    .forEach(id -> stored.merge(id, 1L, Long::sum)));
        }
        return stored;
    }

    /** What the test platform accepted, as its journal recorded it, in order. */
    private static List<Map<String, String>> journal(Path journal) throws IOException {
        return Files.exists(journal) ? Http.records(Files.readString(journal, StandardCharsets.UTF_8)) : List.of();
    }
}
