package dev.switchboard.bench.common;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * {@code size} pseudo-random bytes from a seed, made as they are read and hashed on the way: a large upload that
 * never sits in the driver's memory, and whose SHA-256 can be compared with what the database holds.
 */
public final class GeneratedContent extends InputStream {
    private final SplittableRandom random;
    private final MessageDigest digest = sha256Digest();
    private long left;

    public GeneratedContent(long size, long seed) {
        this.left = size;
        this.random = new SplittableRandom(seed);
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
        for (int i = 0; i < n; i += 8) {
            long bits = random.nextLong();
            for (int b = 0; b < 8 && i + b < n; b++) {
                target[offset + i + b] = (byte) (bits >>> (8 * b));
            }
        }
        digest.update(target, offset, n);
        left -= n;
        return n;
    }

    /** The hash of every byte read so far, in hex (call once, at the end). */
    public String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
