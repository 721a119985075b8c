package dev.switchboard.bench.engine;

import dev.switchboard.bench.common.GeneratedContent;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.Project;
import dev.switchboard.bench.common.Machine;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * INP-3 at its largest: a manager uploads a 100 MB file into a chat through {@code ChatService.upload}, the call the
 * console's upload handler streams the browser's request body into, with the real blob store
 * ({@code DatabaseFileStore}: Tika on the head, 256 KB chunks written four at a time) on PostgreSQL, in a JVM whose
 * heap is far smaller than the file (engine.sh runs it with {@code -Xmx96m}). The content is generated while it is
 * read and hashed on the way; the file is then read back through {@code FileStore.open} and hashed again.
 * <p>
 * Reports, per upload: the time to store and to read back, the SHA-256 match, what the database holds (chunks and
 * bytes), and the heap: used after a full GC before and after (what stays), the highest use sampled every 5 ms
 * while the file moves, the peaks of the heap's memory pools (reset before), the collections it took, and the bytes
 * the uploading thread allocated. Runs {@code --repeat} uploads (default 2) so that the first one's JIT warm-up
 * shows.
 *
 * <p>Arguments: {@code [--megabytes=100] [--repeat=2] [--pool=10]}.
 */
public final class UploadBench {

    public static void main(String[] args) throws Exception {
        int megabytes = 100;
        int repeat = 2;
        int pool = 10;
        for (String a : args) {
            String value = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("--megabytes=")) {
                megabytes = Integer.parseInt(value);
            } else if (a.startsWith("--repeat=")) {
                repeat = Integer.parseInt(value);
            } else if (a.startsWith("--pool=")) {
                pool = Integer.parseInt(value);
            } else {
                throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        long size = megabytes * FileLimits.MB;
        System.out.println("== Upload of a " + megabytes + " MB file through ChatService.upload into the blob store on"
                + " PostgreSQL, " + repeat + " uploads, store pool " + pool + ", max heap "
                + Runtime.getRuntime().maxMemory() / FileLimits.MB + " MiB, GC "
                + ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .toList());
        System.out.println(Machine.describe(BenchDatabase.ADMIN_URL, BenchDatabase.USER));
        try (BenchDatabase db = BenchDatabase.fresh("upload"); Wiring w = new Wiring(db.store(pool))) {
            Project project = w.team.create("Upload bench");
            Member owner = w.team.add(project.id(), "owner@upload.bench", "Owner", Role.OWNER);
            Member manager = w.team.add(project.id(), "manager@upload.bench", "Manager", Role.MANAGER);
            ChannelConnection connection = w.connect(project.id(), owner.id(), "test", "Bench bot");
            ChatId chat = w.ingress.accept(new InboundMessage(connection.id(), "m-1", "client-1",
                    ClientProfile.named("Client", "One"), "Please send me the backup", Instant.now(),
                    Optional.empty())).chat();
            w.chats.take(chat, manager.id());
            boolean allOk = true;
            for (int run = 1; run <= repeat; run++) {
                allOk &= upload(w, db, chat, manager, size, run);
            }
            System.out.println("at the end, " + Machine.load());
            System.out.println(allOk ? "RESULT: every file stored and read back intact" : "RESULT: FAILED");
        }
    }

    private static boolean upload(Wiring w, BenchDatabase db, ChatId chat, Member manager, long size, int run)
            throws Exception {
        long retainedBefore = usedAfterGc();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long[] gcBefore = gcCountAndMillis();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        HeapWatch watch = HeapWatch.start();

        GeneratedContent content = new GeneratedContent(size, 42 + run);
        long t0 = System.nanoTime();
        StoredFile stored = w.chats.upload(chat, manager.id(), "backup-" + run + ".dat", content);
        long t1 = System.nanoTime();
        long allocatedStoring = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        MessageDigest readBack = GeneratedContent.sha256Digest();
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        try (InputStream in = w.files.open(stored.id())) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                readBack.update(buffer, 0, n);
                read += n;
            }
        }
        long t2 = System.nanoTime();
        long allocatedAll = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        long sampledPeak = watch.stop();
        Map<String, Long> poolPeaks = new LinkedHashMap<>();
        heapPools.forEach(p -> poolPeaks.put(p.getName(), p.getPeakUsage().getUsed()));
        long[] gcAfter = gcCountAndMillis();
        long retainedAfter = usedAfterGc();

        String sent = content.sha256();
        String got = HexFormat.of().formatHex(readBack.digest());
        long chunks;
        long chunkBytes;
        String state;
        try (Connection c = db.jdbc(); PreparedStatement q = c.prepareStatement("select b.size, b.complete,"
                + " b.claimed, b.content_type, b.kind, (select count(*) from file_chunk k where k.file_id = b.id),"
                + " (select sum(length(k.data)) from file_chunk k where k.file_id = b.id) from file_blob b"
                + " where b.id = ?")) {
            q.setLong(1, stored.id().value());
            try (ResultSet r = q.executeQuery()) {
                r.next();
                state = "size " + r.getLong(1) + ", complete " + r.getBoolean(2) + ", claimed " + r.getBoolean(3)
                        + ", " + r.getString(4) + " (" + r.getString(5) + ")";
                chunks = r.getLong(6);
                chunkBytes = r.getLong(7);
            }
        }
        boolean ok = stored.size() == size && read == size && sent.equals(got) && chunkBytes == size;
        double mb = size / (double) FileLimits.MB;
        System.out.printf("upload %d: stored in %.2f s (%.0f MB/s), read back in %.2f s (%.0f MB/s)%n", run,
                (t1 - t0) / 1e9, mb / ((t1 - t0) / 1e9), (t2 - t1) / 1e9, mb / ((t2 - t1) / 1e9));
        System.out.println("  SHA-256 sent " + sent + ", read back " + got + (sent.equals(got) ? ": match"
                : ": MISMATCH"));
        System.out.println("  database: file_blob " + state + "; " + chunks + " chunks, " + chunkBytes + " bytes");
        System.out.printf("  heap (max %d MiB): used after full GC %.1f MiB before, %.1f MiB after; highest use"
                        + " sampled every 5 ms while storing and reading %.1f MiB; pool peaks %s%n",
                Runtime.getRuntime().maxMemory() / FileLimits.MB, mib(retainedBefore), mib(retainedAfter),
                mib(sampledPeak), poolPeaks.entrySet().stream().map(e -> e.getKey() + " " + String.format("%.1f",
                        mib(e.getValue()))).toList() + " MiB");
        System.out.printf("  GC: %d collections, %d ms; the uploading thread allocated %.0f MiB while storing"
                        + " (%.2f bytes per byte stored), %.0f MiB in all with the read-back%n",
                gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], mib(allocatedStoring),
                allocatedStoring / (double) size, mib(allocatedAll));
        w.files.delete(stored.id());
        return ok;
    }

    private static double mib(long bytes) {
        return bytes / (double) FileLimits.MB;
    }

    /** Heap in use after a full collection: what is retained. */
    private static long usedAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long[] gcCountAndMillis() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /** The most heap in use, sampled every 5 ms on a thread of its own. */
    static final class HeapWatch {
        private final AtomicLong peak = new AtomicLong();
        private final Thread sampler;
        private volatile boolean running = true;

        private HeapWatch() {
            sampler = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                            Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            sampler.setDaemon(true);
        }

        static HeapWatch start() {
            HeapWatch watch = new HeapWatch();
            watch.sampler.start();
            return watch;
        }

        long stop() throws InterruptedException {
            running = false;
            sampler.join();
            return peak.get();
        }
    }
}
