package dev.switchboard.bench.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.bench.common.Cpu;
import dev.switchboard.bench.common.Latencies;
import dev.switchboard.bench.common.Machine;
import dev.switchboard.bench.common.Results;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * INB-1 through the front door: P senders play a messenger platform and POST client messages to the core's webhook
 * endpoint {@code /hooks/<type>/<key>} of a running distribution, so every message goes through Jetty, the hooks
 * servlet, the chat bundle's {@code WebhookEndpoint}, the connection lookup by key, the connector's verification of
 * its secret header (constant-time compare) and its JSON reading, and the ingress, which answers 200 only after its
 * commit. Closed loop: each sender waits for its answer before it sends the next message. The platform
 * ({@link Platform}) is the integration tests' test channel ({@code bench/webhooks.sh}: its JSON with
 * {@code X-Test-Secret}) or Telegram ({@code bench/telegram.sh}: the Bot API's {@code Update} of a private chat with
 * {@code X-Telegram-Bot-Api-Secret-Token}, read by the real Telegram connector).
 * <p>
 * The stream is the in-process ingress benchmark's ({@code IngressThroughput}): each sender writes for its own
 * clients through one of the connections; about a third of its messages come from a new client (35 % of the
 * messages that are no redelivery), the rest from a known one (recent clients more often); a tenth of new clients
 * report a source (Telegram: their first message is a deep link's {@code /start promo-landing}), recorded as their
 * acquisition; 5 % of the calls are byte-identical redeliveries of one of the sender's last 50 messages, which must
 * be answered 200 and store nothing. Bodies are real JSON (Jackson) in the platform's format, with the message's
 * time.
 * <p>
 * A warm-up phase, then the measured phase, each for a fixed time. Reports calls per second, the latency of a call
 * as the sender sees it (p50/p95/p99), the CPU the distribution's JVM, the database's backends and this driver used
 * per call (from /proc), and the database's commits per call; then checks the database exactly: every message
 * answered 200 is stored once and nothing else is, every redelivery was answered 200, one chat, one open request
 * and one card per new client, one acquisition per sourced client, one profile question per new client.
 *
 * <p>Arguments: {@code --connection=ID,WEBHOOK_URL,SECRET} (one or more), {@code --db=JDBC_URL} (the distribution's
 * database), {@code [--platform=test|telegram] [--user=postgres] [--karaf-pid=PID] [--senders=8] [--warmup=90]
 * [--seconds=60] [--result=FILE]}.
 */
public final class WebhookLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "promo-landing";

    /** The platform the senders play: how it names clients and messages, writes them and signs its calls. */
    enum Platform {
        /** The integration tests' test channel ({@code itests/test-channel}'s WebhookPayload). */
        TEST("X-Test-Secret", "webhooks through /hooks/test (HTTP, verified)") {
            @Override
            String client(String tag, int sender, int index) {
                return tag + "-s" + sender + "-c" + index;
            }

            @Override
            Sent message(String tag, int sender, long sequence, String client, String text, boolean sourced) {
                String id = tag + "-s" + sender + "-m" + sequence;
                ObjectNode event = JSON.createObjectNode();
                event.put("type", "message");
                event.put("id", id);
                event.put("user", client);
                event.put("first_name", "Client");
                event.put("last_name", client);
                event.put("text", text);
                event.put("at", Instant.now().toString());
                if (sourced) {
                    event.put("source", SOURCE);
                }
                return new Sent(id, bytes(event));
            }
        },
        /**
         * Telegram: a client is a private chat (its id is the user's, a number), a message an {@code Update} with
         * its {@code update_id} and the chat's {@code message_id}; the connector stores it as
         * {@code <chat>:<message_id>}. A sourced client's first message is a deep link's start.
         */
        TELEGRAM("X-Telegram-Bot-Api-Secret-Token", "Telegram updates through /hooks/telegram (HTTP, verified)") {
            @Override
            String client(String tag, int sender, int index) {
                // user ids as Telegram's: ten digits, unique per phase, sender and client
                return Long.toString(("warm".equals(tag) ? 5_000_000_000L : 6_000_000_000L) + sender * 10_000_000L
                        + index);
            }

            @Override
            Sent message(String tag, int sender, long sequence, String client, String text, boolean sourced) {
                long chat = Long.parseLong(client);
                long messageId = sequence + 1;
                ObjectNode update = JSON.createObjectNode();
                update.put("update_id", ("warm".equals(tag) ? 100_000_000L : 200_000_000L) + sender * 1_000_000L
                        + sequence);
                ObjectNode message = update.putObject("message");
                message.put("message_id", messageId);
                message.put("date", Instant.now().getEpochSecond());
                message.putObject("from").put("id", chat).put("is_bot", false).put("first_name", "Client")
                        .put("last_name", "C" + client).put("language_code", "en");
                message.putObject("chat").put("id", chat).put("type", "private").put("first_name", "Client")
                        .put("last_name", "C" + client);
                message.put("text", sourced ? "/start " + SOURCE : text);
                return new Sent(chat + ":" + messageId, bytes(update));
            }
        };

        final String secretHeader;
        final String figure;

        Platform(String secretHeader, String figure) {
            this.secretHeader = secretHeader;
            this.figure = figure;
        }

        /** The platform's id of a sender's {@code index}-th client in a phase. */
        abstract String client(String tag, int sender, int index);

        /** A client's message: the id the connector stores it by, and the webhook body. */
        abstract Sent message(String tag, int sender, long sequence, String client, String text, boolean sourced);

        private static byte[] bytes(ObjectNode json) {
            try {
                return JSON.writeValueAsBytes(json);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A connection of the test channel as its platform knows it. */
    record Target(long connection, URI hook, String secret) {
        static Target parse(String spec) {
            String[] p = spec.split(",", 3);
            if (p.length != 3) {
                throw new IllegalArgumentException("--connection=ID,WEBHOOK_URL,SECRET, not " + spec);
            }
            return new Target(Long.parseLong(p[0]), URI.create(p[1]), p[2]);
        }
    }

    /** A message as sent: its id and its exact bytes, to deliver again. */
    private record Sent(String id, byte[] body) {
    }

    /** What one phase sent and got back. */
    private static final class Phase {
        final String tag;
        final Latencies latencies = new Latencies();
        final AtomicLong newClients = new AtomicLong();
        final AtomicLong sourced = new AtomicLong();
        final AtomicLong redeliveries = new AtomicLong();
        final AtomicLong redeliveriesOk = new AtomicLong();
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        /** Distinct messages answered 200. */
        final Set<String> stored = ConcurrentHashMap.newKeySet();
        /** Distinct messages never answered 200 (an error, a timeout): stored or not, the check accepts both. */
        final Set<String> unanswered = ConcurrentHashMap.newKeySet();
        long calls;
        double seconds;

        Phase(String tag) {
            this.tag = tag;
        }

        long errors() {
            return statuses.entrySet().stream().filter(e -> e.getKey() != 200).mapToLong(e -> e.getValue().get())
                    .sum();
        }
    }

    public static void main(String[] args) throws Exception {
        List<Target> targets = new ArrayList<>();
        Platform platform = Platform.TEST;
        String db = null;
        String user = "postgres";
        long karafPid = -1;
        int senders = 8;
        int warmup = 90;
        int seconds = 60;
        Path result = null;
        for (String a : args) {
            String value = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("--connection=")) {
                targets.add(Target.parse(value));
            } else if (a.startsWith("--db=")) {
                db = value;
            } else if (a.startsWith("--platform=")) {
                platform = Platform.valueOf(value.toUpperCase(java.util.Locale.ROOT));
            } else if (a.startsWith("--user=")) {
                user = value;
            } else if (a.startsWith("--karaf-pid=")) {
                karafPid = Long.parseLong(value);
            } else if (a.startsWith("--senders=")) {
                senders = Integer.parseInt(value);
            } else if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(value);
            } else if (a.startsWith("--seconds=")) {
                seconds = Integer.parseInt(value);
            } else if (a.startsWith("--result=")) {
                result = Path.of(value);
            } else {
                throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (targets.isEmpty() || db == null) {
            throw new IllegalArgumentException("needs --connection=ID,WEBHOOK_URL,SECRET and --db=JDBC_URL");
        }
        System.out.println("== Webhook throughput through the core endpoint: " + senders + " senders, "
                + targets.size() + " connections of the " + platform.name().toLowerCase(java.util.Locale.ROOT)
                + " channel, " + seconds + " s (+" + warmup + " s warm-up), HTTP/1.1 keep-alive, "
                + platform.secretHeader + " verified");
        System.out.println(Machine.describe(db.substring(0, db.lastIndexOf('/') + 1) + "postgres", user));
        targets.forEach(t -> System.out.println("connection " + t.connection() + ": " + t.hook()));
        double loadStart = Results.load1();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Phase warm = run(http, platform, targets, senders, warmup, "warm");
        System.out.printf("warm-up: %d calls in %.1f s (%.0f/s), answers %s%n", warm.calls, warm.seconds,
                warm.calls / warm.seconds, new TreeMap<>(warm.statuses));

        // the database's statistics lag by up to a second after a backend goes idle
        Thread.sleep(2_000);
        Snapshot before = Snapshot.take(db, user, karafPid);
        Phase measured = run(http, platform, targets, senders, seconds, "run");
        Snapshot after = Snapshot.take(db, user, karafPid);
        double loadEnd = Results.load1();

        double rate = measured.calls / measured.seconds;
        System.out.printf("throughput: %.0f calls/s (%d webhook calls in %.1f s), of them %.0f new messages/s%n",
                rate, measured.calls, measured.seconds, measured.stored.size() / measured.seconds);
        System.out.println("call latency (POST to answer, as the platform sees it): " + measured.latencies.summary());
        System.out.println("of which: new clients " + measured.newClients.get() + ", with a source "
                + measured.sourced.get() + ", redeliveries " + measured.redeliveries.get() + " (answered 200: "
                + measured.redeliveriesOk.get() + "), answers by status " + new TreeMap<>(measured.statuses));
        String cpu = after.cpuSince(before, measured.calls);
        System.out.print(cpu);

        boolean consistent = check(db, user, targets, List.of(warm, measured));
        System.out.println("at the end, " + Machine.load());
        System.out.println(consistent ? "RESULT: consistent" : "RESULT: INCONSISTENT");

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("name", platform.figure);
        figures.put("rate", String.format("%.0f", rate));
        figures.put("calls", measured.calls);
        figures.put("seconds", String.format("%.1f", measured.seconds));
        figures.put("p50", String.format("%.2f", measured.latencies.millis(0.50)));
        figures.put("p95", String.format("%.2f", measured.latencies.millis(0.95)));
        figures.put("p99", String.format("%.2f", measured.latencies.millis(0.99)));
        figures.put("loadStart", loadStart);
        figures.put("loadEnd", loadEnd);
        figures.put("cpu", after.cpuPerCall(before, measured.calls));
        figures.put("consistent", consistent && measured.errors() == 0);
        Results.write(result, figures);
    }

    private static Phase run(HttpClient http, Platform platform, List<Target> targets, int senders, int seconds,
                             String tag)
            throws InterruptedException {
        Phase phase = new Phase(tag);
        Latencies[] perSender = new Latencies[senders];
        CountDownLatch ready = new CountDownLatch(senders);
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        long[] calls = new long[senders];
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int me = s;
            perSender[s] = new Latencies();
            Thread t = new Thread(() -> {
                Random random = new Random(31L * me + tag.hashCode());
                Target target = targets.get(me % targets.size());
                List<String> clients = new ArrayList<>();
                List<Sent> recent = new ArrayList<>();
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; System.nanoTime() < deadline[0]; i++) {
                    boolean redelivery = !recent.isEmpty() && random.nextInt(100) < 5;
                    Sent m;
                    if (redelivery) {
                        m = recent.get(recent.size() - 1 - random.nextInt(recent.size()));
                        phase.redeliveries.incrementAndGet();
                    } else {
                        String client;
                        boolean sourced = false;
                        if (clients.isEmpty() || random.nextInt(100) < 35) {
                            client = platform.client(tag, me, clients.size());
                            clients.add(client);
                            phase.newClients.incrementAndGet();
                            if (random.nextInt(10) == 0) {
                                sourced = true;
                                phase.sourced.incrementAndGet();
                            }
                        } else {
                            // recent clients write more often than old ones
                            int back = (int) Math.min(clients.size() - 1, Math.abs(random.nextGaussian()) * 20);
                            client = clients.get(clients.size() - 1 - back);
                        }
                        m = platform.message(tag, me, i, client, "Hello, I have a question about order " + i,
                                sourced);
                        recent.add(m);
                        if (recent.size() > 50) {
                            recent.remove(0);
                        }
                    }
                    HttpRequest request = HttpRequest.newBuilder(target.hook()).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json").header(platform.secretHeader, target.secret())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(m.body())).build();
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException e) {
                        status = -1;
                        if (phase.errors() < 5) {
                            System.out.println("webhook call failed: " + e);
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    perSender[me].record(System.nanoTime() - t0);
                    calls[me]++;
                    phase.statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                    if (redelivery) {
                        if (status == 200) {
                            phase.redeliveriesOk.incrementAndGet();
                        }
                    } else if (status == 200) {
                        phase.stored.add(m.id());
                    } else {
                        phase.unanswered.add(m.id());
                    }
                }
            }, "sender-" + s);
            t.start();
            threads.add(t);
        }
        ready.await();
        long start = System.nanoTime();
        deadline[0] = start + seconds * 1_000_000_000L;
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        phase.seconds = (System.nanoTime() - start) / 1e9;
        for (int s = 0; s < senders; s++) {
            phase.latencies.addAll(perSender[s]);
            phase.calls += calls[s];
        }
        return phase;
    }

    /** Compares the database with what was sent and answered, over every phase; prints each count. */
    private static boolean check(String db, String user, List<Target> targets, List<Phase> phases)
            throws SQLException {
        Map<String, Long> inDatabase = new HashMap<>();
        long chats;
        long openRequests;
        long identities;
        long cards;
        long contacts;
        long acquisitions;
        Map<String, Long> profileQuestions = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(db, user, null)) {
            Array connections = c.createArrayOf("bigint", targets.stream().map(Target::connection).toArray());
            try (PreparedStatement q = c.prepareStatement("select external_id, count(*) from message"
                    + " where kind = 'INBOUND' and connection_id = any (?) group by external_id")) {
                q.setArray(1, connections);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        inDatabase.put(r.getString(1), r.getLong(2));
                    }
                }
            }
            chats = scalar(c, "select count(*) from chat where connection_id = any (?)", connections);
            openRequests = scalar(c, "select count(*) from request r join chat c on c.id = r.chat_id"
                    + " where c.connection_id = any (?) and r.closed_at is null", connections);
            identities = scalar(c, "select count(*) from contact_identity where connection_id = any (?)", connections);
            cards = scalar(c, "select count(distinct contact_id) from contact_identity where connection_id = any (?)",
                    connections);
            contacts = scalar(c, "select count(*) from contact", null);
            acquisitions = scalar(c, "select count(*) from contact_acquisition", null);
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select state, count(*) from profile_fetch group by state")) {
                while (r.next()) {
                    profileQuestions.put(r.getString(1), r.getLong(2));
                }
            }
        }
        long stored = 0;
        long unanswered = 0;
        long newClients = 0;
        long sourced = 0;
        long redeliveries = 0;
        long redeliveriesOk = 0;
        long missing = 0;
        long twice = 0;
        long unansweredStored = 0;
        Set<String> sent = new java.util.HashSet<>();
        for (Phase p : phases) {
            stored += p.stored.size();
            unanswered += p.unanswered.size();
            newClients += p.newClients.get();
            sourced += p.sourced.get();
            redeliveries += p.redeliveries.get();
            redeliveriesOk += p.redeliveriesOk.get();
            for (String id : p.stored) {
                Long n = inDatabase.get(id);
                if (n == null) {
                    missing++;
                } else if (n != 1) {
                    twice++;
                }
            }
            for (String id : p.unanswered) {
                if (inDatabase.containsKey(id)) {
                    unansweredStored++;
                }
            }
            sent.addAll(p.stored);
            sent.addAll(p.unanswered);
        }
        long unknown = inDatabase.keySet().stream().filter(id -> !sent.contains(id)).count();
        long profiles = profileQuestions.values().stream().mapToLong(Long::longValue).sum();
        boolean ok = missing == 0 && twice == 0 && unknown == 0 && unanswered == 0
                && inDatabase.size() == stored && redeliveriesOk == redeliveries
                && chats == newClients && openRequests == chats && identities == newClients && cards == newClients
                && contacts == newClients && acquisitions == sourced && profiles == newClients;
        System.out.println("database (warm-up and run): inbound messages " + inDatabase.size() + " (answered 200: "
                + stored + "; of them missing " + missing + ", stored more than once " + twice
                + "; stored but never sent " + unknown + "; never answered 200: " + unanswered + ", of them stored "
                + unansweredStored + ")");
        System.out.println("database: redeliveries " + redeliveries + ", answered 200 " + redeliveriesOk
                + " (each stored nothing: no message is stored twice, none unknown)");
        System.out.println("database: chats " + chats + ", open requests " + openRequests + ", client identities "
                + identities + ", their cards " + cards + ", cards in all " + contacts + " (expected " + newClients
                + " each: the new clients), acquisitions " + acquisitions + " (expected " + sourced
                + "), profile questions " + profileQuestions + " (expected " + newClients + " in all)");
        return ok;
    }

    private static long scalar(Connection c, String sql, Array parameter) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            if (parameter != null) {
                q.setArray(1, parameter);
            }
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** CPU of the distribution, the database's backends and this driver, and the database's commits, at a moment. */
    private record Snapshot(double karaf, double driver, Map<Integer, Double> backends, long commits,
                            Map<String, Double> karafThreads) {

        /** The CPU at once; the commits after two seconds, since the statistics lag behind. */
        static Snapshot take(String db, String user, long karafPid) throws SQLException, InterruptedException {
            double karaf = karafPid > 0 ? Cpu.millis(karafPid) : -1;
            Map<String, Double> karafThreads = karafPid > 0 ? Cpu.threads(karafPid) : Map.of();
            double driver = Cpu.ownMillis();
            Map<Integer, Double> backends;
            try (Connection c = DriverManager.getConnection(db, user, null)) {
                backends = Cpu.backends(c);
            }
            Thread.sleep(2_000);
            try (Connection c = DriverManager.getConnection(db, user, null); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select xact_commit from pg_stat_database"
                         + " where datname = current_database()")) {
                r.next();
                return new Snapshot(karaf, driver, backends, r.getLong(1), karafThreads);
            }
        }

        String cpuSince(Snapshot before, long calls) {
            double backendMs = Cpu.backendsBetween(before.backends, backends);
            return String.format("CPU per call: distribution JVM %s, PostgreSQL backends %s, load driver %s"
                            + " (all on the same 2 cores)%ndistribution JVM's CPU per call by thread (ms): %s"
                            + "%ndatabase: %.2f transactions committed per call%n",
                    perCall(karaf, before.karaf, calls), backendMs < 0 ? "unknown" : String.format("%.3f ms",
                            backendMs / calls), perCall(driver, before.driver, calls),
                    Cpu.threadsPerCall(before.karafThreads, karafThreads, calls, karaf - before.karaf),
                    (commits - before.commits) / (double) calls);
        }

        String cpuPerCall(Snapshot before, long calls) {
            double backendMs = Cpu.backendsBetween(before.backends, backends);
            return String.format("%s + %s (+ driver %s)", perCall(karaf, before.karaf, calls),
                    backendMs < 0 ? "?" : String.format("%.3f ms", backendMs / calls),
                    perCall(driver, before.driver, calls));
        }

        private static String perCall(double now, double then, long calls) {
            return now < 0 || then < 0 ? "unknown" : String.format("%.3f ms", (now - then) / calls);
        }
    }
}
