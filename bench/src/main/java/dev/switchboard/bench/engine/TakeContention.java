package dev.switchboard.bench.engine;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.chat.ChatView;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.error.AlreadyTaken;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.Project;
import dev.switchboard.bench.common.Latencies;
import dev.switchboard.bench.common.Machine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * DIST-1 under contention: N threads, each acting as a different manager, take the same New chat at once through
 * the real {@code ChatServiceImpl} on PostgreSQL; repeated on a fresh chat per round. Checks every round: exactly
 * one caller gets the chat, every other one gets {@link AlreadyTaken} naming the winner, and the database holds
 * the winner as responsible and exactly one "Took" system message. Reports the latency of a take call as each
 * taker sees it (from the common start to its answer, so waiting for a pool connection counts).
 *
 * <p>Arguments: {@code [rounds=200] [takers=50] [warmupRounds=20] [pool=10]}.
 */
public final class TakeContention {

    public static void main(String[] args) throws Exception {
        int rounds = arg(args, 0, 200);
        int takers = arg(args, 1, 50);
        int warmup = arg(args, 2, 20);
        int pool = arg(args, 3, 10);
        System.out.println("== Take contention: " + takers + " concurrent takers, " + rounds + " rounds (+" + warmup
                + " warm-up), store pool " + pool);
        System.out.println(Machine.describe(BenchDatabase.ADMIN_URL, BenchDatabase.USER));
        try (BenchDatabase db = BenchDatabase.fresh("take"); Wiring w = new Wiring(db.store(pool))) {
            Project project = w.team.create("Take bench");
            Member owner = w.team.add(project.id(), "owner@take.bench", "Owner", Role.OWNER);
            List<Member> members = new ArrayList<>();
            for (int i = 0; i < takers; i++) {
                members.add(w.team.add(project.id(), "taker" + i + "@take.bench", "Taker " + i, Role.MANAGER));
            }
            ChannelConnection connection = w.connect(project.id(), owner.id(), "test", "Bench bot");

            Object[] outcomes = new Object[takers];
            long[] latencies = new long[takers];
            ChatId[] current = new ChatId[1];
            CyclicBarrier start = new CyclicBarrier(takers + 1);
            CyclicBarrier end = new CyclicBarrier(takers + 1);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < takers; i++) {
                int me = i;
                MemberId id = members.get(i).id();
                Thread t = new Thread(() -> {
                    try {
                        while (true) {
                            start.await();
                            ChatId chat = current[0];
                            if (chat == null) {
                                return;
                            }
                            long t0 = System.nanoTime();
                            Object outcome;
                            try {
                                outcome = w.chats.take(chat, id);
                            } catch (RuntimeException e) {
                                outcome = e;
                            }
                            latencies[me] = System.nanoTime() - t0;
                            outcomes[me] = outcome;
                            end.await();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "taker-" + i);
                t.start();
                threads.add(t);
            }

            Latencies all = new Latencies();
            int exactlyOne = 0;
            int badRounds = 0;
            Map<String, Integer> failures = new HashMap<>();
            Map<MemberId, Integer> wins = new HashMap<>();
            long wallStart = 0;
            for (int round = 0; round < warmup + rounds; round++) {
                if (round == warmup) {
                    wallStart = System.nanoTime();
                }
                current[0] = w.ingress.accept(new InboundMessage(connection.id(), "m-" + round, "client-" + round,
                        ClientProfile.named("Client", String.valueOf(round)), "hello", Instant.now(),
                        Optional.empty())).chat();
                start.await(60, TimeUnit.SECONDS);
                end.await(60, TimeUnit.SECONDS);
                if (round < warmup) {
                    continue;
                }
                for (long l : latencies) {
                    all.record(l);
                }
                List<ChatView> won = new ArrayList<>();
                int told = 0;
                for (Object o : outcomes) {
                    if (o instanceof ChatView v) {
                        won.add(v);
                    } else if (o instanceof AlreadyTaken) {
                        told++;
                    } else {
                        failures.merge(String.valueOf(o), 1, Integer::sum);
                    }
                }
                boolean ok = won.size() == 1 && told == takers - 1;
                if (ok) {
                    MemberId winner = won.get(0).responsible().orElseThrow();
                    for (Object o : outcomes) {
                        if (o instanceof AlreadyTaken t && !t.takenBy().equals(winner)) {
                            ok = false;
                        }
                    }
                    ok &= storedOnce(db, current[0], winner);
                    wins.merge(winner, 1, Integer::sum);
                }
                if (ok) {
                    exactlyOne++;
                } else {
                    badRounds++;
                    System.out.println("round " + round + ": " + won.size() + " winners, " + told
                            + " told who took it");
                }
            }
            double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
            current[0] = null;
            start.await(60, TimeUnit.SECONDS);
            for (Thread t : threads) {
                t.join();
            }

            System.out.println("rounds with exactly one winner, every loser told the winner, one Took in the database: "
                    + exactlyOne + " / " + rounds + (badRounds > 0 ? "  (FAILED rounds: " + badRounds + ")" : ""));
            System.out.println("distinct winners over the rounds: " + wins.size() + " of " + takers + " takers");
            if (!failures.isEmpty()) {
                System.out.println("unexpected outcomes: " + failures);
            }
            System.out.println("take call latency (" + all.count() + " calls): " + all.summary());
            System.out.printf("rounds per second (ingress of the chat + %d takes + checks): %.1f%n", takers,
                    rounds / wallSeconds);
            System.out.println("at the end, " + Machine.load());
        }
    }

    private static boolean storedOnce(BenchDatabase db, ChatId chat, MemberId winner) throws Exception {
        try (Connection c = db.jdbc(); PreparedStatement q = c.prepareStatement(
                "select c.state, c.responsible_id, (select count(*) from message m where m.chat_id = c.id"
                        + " and m.event_type = 'Took') from chat c where c.id = ?")) {
            q.setLong(1, chat.value());
            try (ResultSet r = q.executeQuery()) {
                return r.next() && "ACTIVE".equals(r.getString(1)) && r.getLong(2) == winner.value()
                        && r.getLong(3) == 1;
            }
        }
    }

    static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
