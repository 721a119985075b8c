package dev.switchboard.store.internal.files;

import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.store.internal.PooledDatabase;
import dev.switchboard.store.testing.PostgresDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static dev.switchboard.api.files.FileLimits.MB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file of the largest size the spec allows (100 MB, INP-3) goes in and out of PostgreSQL in a JVM whose whole
 * heap is 64 MB (surefire execution {@code small-heap}, see the pom), so neither direction can hold the file in
 * memory. The content is generated while it is read and hashed on both sides.
 */
@Tag("small-heap")
class LargeFileSmallHeapTest {

    private static final Logger LOG = LoggerFactory.getLogger(LargeFileSmallHeapTest.class);
    private static final long SIZE = 100 * MB;

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    @Test
    void INP3_aHundredMegabyteFileStreamsInAndOutWithASmallHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("this test proves nothing with a large heap")
                .isLessThanOrEqualTo(80 * MB);
        DatabaseFileStore files = DatabaseFileStore.open((PooledDatabase) DB.database(), Clock.systemUTC());
        GeneratedContent content = new GeneratedContent(SIZE, 42);
        HeapWatch heap = HeapWatch.start();

        long start = System.nanoTime();
        StoredFile stored = files.store(new ProjectId(1), "backup.dat", content, FileLimits.SPEC);
        long stored_at = System.nanoTime();
        MessageDigest readBack = Samples.sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = files.open(stored.id())) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                readBack.update(buffer, 0, n);
            }
        }
        long end = System.nanoTime();
        long peak = heap.stop();

        assertThat(stored.size()).isEqualTo(SIZE);
        assertThat(HexFormat.of().formatHex(readBack.digest())).isEqualTo(content.sha256());
        LOG.info("100 MB file: stored in {} ms, read in {} ms; heap at most {} MB used of {} MB", (stored_at - start) / 1_000_000,
                (end - stored_at) / 1_000_000, peak / MB, Runtime.getRuntime().maxMemory() / MB);
    }

    /** {@code size} pseudo-random bytes from a seed, made as they are read and hashed on the way. */
    static final class GeneratedContent extends InputStream {
        private final SplittableRandom random;
        private final MessageDigest digest = Samples.sha256();
        private long left;

        GeneratedContent(long size, long seed) {
            this.left = size;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            for (int i = 0; i < n; i++) {
                target[offset + i] = (byte) random.nextInt(256);
            }
            digest.update(target, offset, n);
            left -= n;
            return n;
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /** The most heap in use, sampled every few milliseconds. */
    static final class HeapWatch {
        private final AtomicLong peak = new AtomicLong();
        private final Thread sampler;
        private volatile boolean running = true;

        private HeapWatch() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            sampler = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
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
