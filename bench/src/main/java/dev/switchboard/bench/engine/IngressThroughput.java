package dev.switchboard.bench.engine;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.team.Group;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.Project;
import dev.switchboard.bench.common.Cpu;
import dev.switchboard.bench.common.Latencies;
import dev.switchboard.bench.common.Machine;
import dev.switchboard.bench.common.Results;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * INB-1 throughput: P producer threads (channel webhooks) call the real {@code IngressImpl} on PostgreSQL, a
 * fixed number of messages in all. Each producer has its own clients on one of two connections: about a third of
 * its messages come from a new client (a new card, chat, request and message), the rest from one of its known
 * clients (find the card, lock the chat, append); 5 % are redeliveries of a message it already sent (must come
 * back as duplicates and write nothing new); a tenth of new clients arrive from an auto-forwarding source (GRP-2),
 * which is also recorded as their acquisition tool (CARD-8a).
 * <p>
 * The ingress identifies the client's card (card bundle) before its chat transaction and records the message's
 * sources (interactions bundle) after it, as in production. With {@code --tracking=N}, N % of the messages come
 * with what a website widget reports (CARD-8b, CARD-8c): the client's {@code _ga} cookie, the page's address (a
 * campaign landing page with UTM tags, or now and then another page of the site) and its referrer; the message
 * stream is otherwise the same. With {@code --chat-only}, cards and sources are in-memory maps
 * ({@link BenchContacts}): the chat unit alone, as measured before cards.
 * <p>
 * Reports messages/s over the measured phase, the latency of an accept call and how it divides between the
 * connection lookup, the card, the chat transaction and the sources; then checks the counts in the database:
 * messages, chats, one card per client and none twice, every chat linked to its client's card, the first
 * funnel stage, acquisitions, Google client ids and visits.
 *
 * <p>Arguments: {@code [messages=100000] [producers=8] [warmup=4000] [pool=10] [--tracking=PERCENT]
 * [--chat-only] [--result=FILE]} ({@code --result}: the headline figures as properties, for bench/webhooks.sh).
 */
public final class IngressThroughput {

    private static final String[] CAMPAIGNS = {"spring-sale", "new-collection", "free-delivery", "gift-cards",
            "loyalty"};
    private static final String[][] REFERRERS = {{"google", "cpc", "https://www.google.com/"},
            {"yandex", "cpc", "https://yandex.ru/"}, {"facebook", "social", "https://www.facebook.com/"},
            {"newsletter", "email", "https://mail.example.net/"}};
    private static final String[] SITE_PAGES = {"https://shop.example.com/pricing",
            "https://shop.example.com/delivery", "https://shop.example.com/contacts"};

    public static void main(String[] args) throws Exception {
        String[] numbers = Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
        int messages = TakeContention.arg(numbers, 0, 100_000);
        int producers = TakeContention.arg(numbers, 1, 8);
        int warmup = TakeContention.arg(numbers, 2, 4_000);
        int pool = TakeContention.arg(numbers, 3, 10);
        int tracking = 0;
        Wiring.Contacts mode = Wiring.Contacts.REAL;
        Path result = null;
        for (String a : args) {
            if (a.startsWith("--result=")) {
                result = Path.of(a.substring("--result=".length()));
            } else if (a.equals("--chat-only")) {
                mode = Wiring.Contacts.STAND_INS;
            } else if (a.startsWith("--tracking=")) {
                tracking = Integer.parseInt(a.substring("--tracking=".length()));
            } else if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + a);
            }
        }
        System.out.println("== Ingress throughput: " + producers + " producers, " + messages + " messages (+" + warmup
                + " warm-up), store pool " + pool + ", "
                + (mode == Wiring.Contacts.REAL ? "real cards and sources" : "chat only (cards and sources in memory)")
                + ", widget tracking on " + tracking + " % of messages");
        System.out.println(Machine.describe(BenchDatabase.ADMIN_URL, BenchDatabase.USER));
        double loadStart = Results.load1();
        try (BenchDatabase db = BenchDatabase.fresh("ingress"); Wiring w = new Wiring(db.store(pool), mode)) {
            Project project = w.team.create("Ingress bench");
            Member owner = w.team.add(project.id(), "owner@ingress.bench", "Owner", Role.OWNER);
            List<ChannelConnection> connections = List.of(
                    w.connect(project.id(), owner.id(), "telegram", "Bench bot"),
                    w.connect(project.id(), owner.id(), "widget", "Bench widget"));
            Group sales = w.groups.create(project.id(), owner.id(), "Sales");
            w.groups.setAutoForward(sales.id(), owner.id(), Set.of("promo-landing"));

            Run warm = run(w, connections, producers, warmup, tracking, "warm");
            taken(w.calls); // the warm-up's calls are left out
            long eventsBefore = w.events.posted.get();
            DatabaseWork before = DatabaseWork.snapshot(db);
            long pid = ProcessHandle.current().pid();
            Map<String, Double> threadsBefore = Cpu.threads(pid);
            double cpuBefore = Cpu.millis(pid);
            Run measured = run(w, connections, producers, messages, tracking, "run");
            Map<String, Double> threadsAfter = Cpu.threads(pid);
            double cpuAfter = Cpu.millis(pid);
            DatabaseWork after = DatabaseWork.snapshot(db);
            Map<String, Latencies> parts = taken(w.calls);

            System.out.printf("throughput: %.0f messages/s (%d accept calls in %.1f s)%n",
                    measured.calls / measured.seconds, measured.calls, measured.seconds);
            System.out.println("accept latency: " + measured.latencies.summary());
            System.out.println("of which: new clients " + measured.newClients.get() + ", duplicates sent "
                    + measured.duplicatesSent.get() + ", answered as duplicates " + measured.duplicatesSeen.get()
                    + ", with a source " + measured.sourced.get() + " (new clients), with tracking "
                    + measured.tracked.get() + " (of them redelivered " + measured.trackedDuplicates.get()
                    + "), errors " + measured.errors.get());
            double total = measured.latencies.meanMillis() * measured.calls;
            System.out.println("per accept call (mean over " + measured.calls + " calls):");
            double accounted = 0;
            for (Map.Entry<String, Latencies> p : parts.entrySet()) {
                Latencies l = p.getValue();
                double sum = l.meanMillis() * l.count();
                accounted += l.count() == 0 ? 0 : sum;
                System.out.printf("  %-30s %.3f ms per accept (%d calls, %s)%n", p.getKey(),
                        l.count() == 0 ? 0 : sum / measured.calls, l.count(), l.summary());
            }
            System.out.printf("  %-30s %.3f ms per accept%n", "chat transaction and rest",
                    (total - accounted) / measured.calls);
            System.out.printf("  %-30s %.3f ms%n", "whole accept call", total / measured.calls);

            System.out.print(after.since(before, measured.calls));
            System.out.println("benchmark JVM's CPU per accept call by thread (ms; the producers have ended): "
                    + Cpu.threadsPerCall(threadsBefore, threadsAfter, measured.calls, cpuAfter - cpuBefore));
            boolean ok = check(db, w, warm, measured);
            System.out.println("events posted after commit (measured phase): " + (w.events.posted.get() - eventsBefore));
            w.standIns.ifPresent(c -> System.out.println("contact directory (in memory) asked " + c.identified.get()
                    + " times, acquisition sources recorded " + c.acquisitions.get()));
            System.out.println("at the end, " + Machine.load());
            System.out.println(ok ? "RESULT: consistent" : "RESULT: INCONSISTENT");
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("name", "engine-only ingress (in process, " + (mode == Wiring.Contacts.REAL
                    ? "cards and sources" : "chat only") + ")");
            figures.put("rate", String.format("%.0f", measured.calls / measured.seconds));
            figures.put("calls", measured.calls);
            figures.put("seconds", String.format("%.1f", measured.seconds));
            figures.put("p50", String.format("%.2f", measured.latencies.millis(0.50)));
            figures.put("p95", String.format("%.2f", measured.latencies.millis(0.95)));
            figures.put("p99", String.format("%.2f", measured.latencies.millis(0.99)));
            figures.put("loadStart", loadStart);
            figures.put("loadEnd", Results.load1());
            figures.put("cpu", after.cpuPerCall(before, measured.calls));
            figures.put("consistent", ok);
            Results.write(result, figures);
        }
    }

    private static Map<String, Latencies> taken(MeasuredCalls calls) {
        Map<String, Latencies> parts = new LinkedHashMap<>();
        parts.put("connection lookup", calls.connection.take());
        parts.put("card identify, new client", calls.identifyNew.take());
        parts.put("card identify, known client", calls.identifyKnown.take());
        parts.put("sources: acquisition", calls.acquisition.take());
        parts.put("sources: Google client id", calls.googleClientId.take());
        parts.put("sources: visit", calls.visit.take());
        return parts;
    }

    /** Compares the database with what the producers sent; prints each count. */
    private static boolean check(BenchDatabase db, Wiring w, Run warm, Run measured) throws SQLException {
        long stored = db.scalar("select count(*) from message where kind = 'INBOUND' and external_id like 'run-%'");
        long chats = db.scalar("select count(*) from chat where external_user_id like 'run-%'");
        long forwarded = db.scalar("select count(*) from chat where external_user_id like 'run-%'"
                + " and group_id is not null");
        long open = db.scalar("select count(*) from request r join chat c on c.id = r.chat_id"
                + " where c.external_user_id like 'run-%' and r.closed_at is null");
        long unique = measured.calls - measured.duplicatesSent.get();
        long newClients = measured.newClients.get();
        boolean ok = stored == unique && chats == newClients && open == chats
                && measured.duplicatesSeen.get() == measured.duplicatesSent.get() && measured.errors.get() == 0;
        System.out.println("database: inbound messages " + stored + " (expected " + unique + "), chats " + chats
                + " (expected " + newClients + "), open requests " + open + ", auto-forwarded chats " + forwarded);
        if (w.contactsMode == Wiring.Contacts.STAND_INS) {
            return ok;
        }
        long identities = db.scalar("select count(*) from contact_identity where external_user_id like 'run-%'");
        long cards = db.scalar("select count(distinct contact_id) from contact_identity"
                + " where external_user_id like 'run-%'");
        long allCards = db.scalar("select count(*) from contact");
        long expectedAll = warm.newClients.get() + newClients;
        long linked = db.scalar("select count(*) from chat c join contact_identity i on i.connection_id = c.connection_id"
                + " and i.external_user_id = c.external_user_id where c.external_user_id like 'run-%'"
                + " and c.contact_id = i.contact_id");
        long firstStage = db.scalar("select count(*) from contact where funnel_stage = '"
                + Wiring.StandardFunnel.FIRST_STAGE + "'");
        long acquisitions = db.scalar("select count(*) from contact_acquisition a join contact_identity i"
                + " on i.contact_id = a.contact_id where i.external_user_id like 'run-%'");
        long googleIds = db.scalar("select count(*) from google_client_id g join contact_identity i"
                + " on i.contact_id = g.contact_id where i.external_user_id like 'run-%'");
        long visits = db.scalar("select count(*) from visit v join contact_identity i"
                + " on i.contact_id = v.contact_id where i.external_user_id like 'run-%'");
        boolean cardsOk = identities == newClients && cards == newClients && allCards == expectedAll
                && linked == chats && firstStage == allCards && acquisitions == measured.sourced.get()
                && googleIds == measured.trackedClients.get() && visits == measured.expectedVisits.get();
        System.out.println("database: client identities " + identities + ", their cards " + cards + " (expected "
                + newClients + "), cards in all " + allCards + " (expected " + expectedAll + " with the warm-up's),"
                + " chats linked to their client's card " + linked + ", cards at the funnel's first stage "
                + firstStage);
        System.out.println("database: acquisitions " + acquisitions + " (expected " + measured.sourced.get()
                + "), Google client ids " + googleIds + " (expected " + measured.trackedClients.get() + "), visits "
                + visits + " (expected " + measured.expectedVisits.get() + ")");
        return ok && cardsOk;
    }

    private record Run(long calls, double seconds, Latencies latencies, AtomicLong newClients,
                       AtomicLong duplicatesSent, AtomicLong duplicatesSeen, AtomicLong errors, AtomicLong sourced,
                       AtomicLong tracked, AtomicLong trackedDuplicates, AtomicLong trackedClients,
                       AtomicLong expectedVisits) {
    }

    /** What a producer knows of one of its clients' website visits. */
    private static final class Visitor {
        final String gaCookie;
        final int campaign;
        final int referrer;
        String lastVisit;

        Visitor(Random random) {
            gaCookie = "GA1.2." + (100_000_000 + random.nextInt(900_000_000)) + "."
                    + (1_700_000_000 + random.nextInt(50_000_000));
            campaign = random.nextInt(CAMPAIGNS.length);
            referrer = random.nextInt(REFERRERS.length);
        }

        /** The campaign's landing page most of the time, now and then another page of the site from it. */
        InboundMessage.Tracking next(Random random) {
            String[] from = REFERRERS[referrer];
            String landing = "https://shop.example.com/landing/" + CAMPAIGNS[campaign] + "?utm_source=" + from[0]
                    + "&utm_medium=" + from[1] + "&utm_campaign=" + CAMPAIGNS[campaign] + "&utm_content=ad"
                    + (campaign + 1);
            if (random.nextInt(4) == 0) {
                return new InboundMessage.Tracking(Optional.of(gaCookie),
                        Optional.of(SITE_PAGES[random.nextInt(SITE_PAGES.length)]), Optional.of(landing));
            }
            return new InboundMessage.Tracking(Optional.of(gaCookie), Optional.of(landing), Optional.of(from[2]));
        }
    }

    private static Run run(Wiring w, List<ChannelConnection> connections, int producers, int total, int trackingPercent,
                           String tag) throws InterruptedException {
        AtomicLong newClients = new AtomicLong();
        AtomicLong duplicatesSent = new AtomicLong();
        AtomicLong duplicatesSeen = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong sourced = new AtomicLong();
        AtomicLong tracked = new AtomicLong();
        AtomicLong trackedDuplicates = new AtomicLong();
        AtomicLong trackedClients = new AtomicLong();
        AtomicLong expectedVisits = new AtomicLong();
        Latencies[] perThread = new Latencies[producers];
        CountDownLatch ready = new CountDownLatch(producers);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int me = p;
            int share = total / producers + (p < total % producers ? 1 : 0);
            perThread[p] = new Latencies();
            Thread t = new Thread(() -> {
                Random random = new Random(31L * me + tag.hashCode());
                // a stream of its own, so that the messages, clients and redeliveries are the same with or without
                Random widget = new Random(17L * me + tag.hashCode());
                ChannelConnection connection = connections.get(me % connections.size());
                List<String> clients = new ArrayList<>();
                Map<String, Visitor> visitors = new HashMap<>();
                List<InboundMessage> sent = new ArrayList<>();
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < share; i++) {
                    InboundMessage m;
                    boolean first = false;
                    boolean duplicate = !sent.isEmpty() && random.nextInt(100) < 5;
                    if (duplicate) {
                        m = sent.get(sent.size() - 1 - random.nextInt(Math.min(sent.size(), 50)));
                        duplicatesSent.incrementAndGet();
                        if (m.tracking().isPresent()) {
                            trackedDuplicates.incrementAndGet();
                        }
                    } else {
                        String client;
                        Optional<String> source = Optional.empty();
                        if (clients.isEmpty() || random.nextInt(100) < 35) {
                            client = tag + "-p" + me + "-c" + clients.size();
                            clients.add(client);
                            newClients.incrementAndGet();
                            first = true;
                            if (random.nextInt(10) == 0) {
                                source = Optional.of("promo-landing");
                                sourced.incrementAndGet();
                            }
                        } else {
                            // recent clients write more often than old ones
                            int back = (int) Math.min(clients.size() - 1, Math.abs(random.nextGaussian()) * 20);
                            client = clients.get(clients.size() - 1 - back);
                        }
                        Optional<InboundMessage.Tracking> tracking = Optional.empty();
                        if (trackingPercent > 0 && widget.nextInt(100) < trackingPercent) {
                            Visitor v = visitors.get(client);
                            if (v == null) {
                                v = new Visitor(widget);
                                visitors.put(client, v);
                                trackedClients.incrementAndGet();
                            }
                            InboundMessage.Tracking report = v.next(widget);
                            // a visit continues while the same page is reported (well within 30 minutes here)
                            String visit = report.url().orElseThrow() + " " + report.referrer().orElseThrow();
                            if (!visit.equals(v.lastVisit)) {
                                expectedVisits.incrementAndGet();
                                v.lastVisit = visit;
                            }
                            tracking = Optional.of(report);
                            tracked.incrementAndGet();
                        }
                        m = new InboundMessage(connection.id(), tag + "-p" + me + "-m" + i, client,
                                ClientProfile.named("Client", client), "Hello, I have a question about order " + i,
                                Instant.now(), source, tracking);
                        sent.add(m);
                    }
                    w.calls.newClient.set(first);
                    long t0 = System.nanoTime();
                    try {
                        Ingress.Received r = w.ingress.accept(m);
                        if (r.duplicate()) {
                            duplicatesSeen.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        if (errors.get() <= 5) {
                            System.out.println("accept failed: " + e);
                        }
                    }
                    perThread[me].record(System.nanoTime() - t0);
                }
            }, "producer-" + p);
            t.start();
            threads.add(t);
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Latencies all = new Latencies();
        for (Latencies l : perThread) {
            all.addAll(l);
        }
        return new Run(all.count(), seconds, all, newClients, duplicatesSent, duplicatesSeen, errors, sourced, tracked,
                trackedDuplicates, trackedClients, expectedVisits);
    }
}
