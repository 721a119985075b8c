package dev.switchboard.bench.engine;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.team.Group;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.Project;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * INB-1 throughput: P producer threads (channel webhooks) call the real {@code IngressImpl} on PostgreSQL, a
 * fixed number of messages in all. Each producer has its own clients on one of two connections: about a third of
 * its messages come from a new client (a new chat, request and message), the rest from one of its known clients
 * (lock the chat, append); 5 % are redeliveries of a message it already sent (must come back as duplicates and
 * write nothing); a tenth of new clients arrive from an auto-forwarding source (GRP-2). Reports messages/s over
 * the measured phase and the latency of an accept call; then checks the counts in the database.
 *
 * <p>Arguments: {@code [messages=100000] [producers=8] [warmup=4000] [pool=10]}.
 */
public final class IngressThroughput {

    public static void main(String[] args) throws Exception {
        int messages = TakeContention.arg(args, 0, 100_000);
        int producers = TakeContention.arg(args, 1, 8);
        int warmup = TakeContention.arg(args, 2, 4_000);
        int pool = TakeContention.arg(args, 3, 10);
        System.out.println("== Ingress throughput: " + producers + " producers, " + messages + " messages (+" + warmup
                + " warm-up), store pool " + pool);
        System.out.println(Machine.describe());
        try (BenchDatabase db = BenchDatabase.fresh("ingress")) {
            Wiring w = new Wiring(db.store(pool));
            Project project = w.team.create("Ingress bench");
            Member owner = w.team.add(project.id(), "owner@ingress.bench", "Owner", Role.OWNER);
            List<ChannelConnection> connections = List.of(
                    w.connections.create(project.id(), owner.id(), "telegram", "Bench bot"),
                    w.connections.create(project.id(), owner.id(), "widget", "Bench widget"));
            Group sales = w.groups.create(project.id(), owner.id(), "Sales");
            w.groups.setAutoForward(sales.id(), owner.id(), Set.of("promo-landing"));

            run(w, connections, producers, warmup, "warm");
            Run measured = run(w, connections, producers, messages, "run");

            System.out.printf("throughput: %.0f messages/s (%d accept calls in %.1f s)%n",
                    measured.calls / measured.seconds, measured.calls, measured.seconds);
            System.out.println("accept latency: " + measured.latencies.summary());
            System.out.println("of which: new clients " + measured.newClients.get() + ", duplicates sent "
                    + measured.duplicatesSent.get() + ", answered as duplicates " + measured.duplicatesSeen.get()
                    + ", errors " + measured.errors.get());
            long stored = db.scalar("select count(*) from message where kind = 'INBOUND' and external_id like 'run-%'");
            long chats = db.scalar("select count(*) from chat where external_user_id like 'run-%'");
            long forwarded = db.scalar("select count(*) from chat where external_user_id like 'run-%'"
                    + " and group_id is not null");
            long open = db.scalar("select count(*) from request r join chat c on c.id = r.chat_id"
                    + " where c.external_user_id like 'run-%' and r.closed_at is null");
            long unique = measured.calls - measured.duplicatesSent.get();
            System.out.println("database: inbound messages " + stored + " (expected " + unique + "), chats " + chats
                    + " (expected " + measured.newClients.get() + "), open requests " + open + ", auto-forwarded chats "
                    + forwarded + (stored == unique && chats == measured.newClients.get() && open == chats
                    ? "  -> consistent" : "  -> INCONSISTENT"));
            System.out.println("events posted after commit: " + w.events.posted.get());
            System.out.println("contact directory (in memory) asked " + w.contacts.identified.get()
                    + " times, acquisition sources recorded " + w.contacts.acquisitions.get());
            System.out.println("at the end, " + Machine.load());
        }
    }

    private record Run(long calls, double seconds, Latencies latencies, AtomicLong newClients,
                       AtomicLong duplicatesSent, AtomicLong duplicatesSeen, AtomicLong errors) {
    }

    private static Run run(Wiring w, List<ChannelConnection> connections, int producers, int total, String tag)
            throws InterruptedException {
        AtomicLong newClients = new AtomicLong();
        AtomicLong duplicatesSent = new AtomicLong();
        AtomicLong duplicatesSeen = new AtomicLong();
        AtomicLong errors = new AtomicLong();
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
                ChannelConnection connection = connections.get(me % connections.size());
                List<String> clients = new ArrayList<>();
                List<InboundMessage> sent = new ArrayList<>();
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < share; i++) {
                    InboundMessage m;
                    boolean duplicate = !sent.isEmpty() && random.nextInt(100) < 5;
                    if (duplicate) {
                        m = sent.get(sent.size() - 1 - random.nextInt(Math.min(sent.size(), 50)));
                        duplicatesSent.incrementAndGet();
                    } else {
                        String client;
                        Optional<String> source = Optional.empty();
                        if (clients.isEmpty() || random.nextInt(100) < 35) {
                            client = tag + "-p" + me + "-c" + clients.size();
                            clients.add(client);
                            newClients.incrementAndGet();
                            if (random.nextInt(10) == 0) {
                                source = Optional.of("promo-landing");
                            }
                        } else {
                            // recent clients write more often than old ones
                            int back = (int) Math.min(clients.size() - 1, Math.abs(random.nextGaussian()) * 20);
                            client = clients.get(clients.size() - 1 - back);
                        }
                        m = new InboundMessage(connection.id(), tag + "-p" + me + "-m" + i, client,
                                ClientProfile.named("Client", client), "Hello, I have a question about order " + i,
                                Instant.now(), source);
                        sent.add(m);
                    }
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
        return new Run(all.count(), seconds, all, newClients, duplicatesSent, duplicatesSeen, errors);
    }
}
