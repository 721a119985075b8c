package dev.switchboard.channel.widget.internal.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 through the JDK ({@code javax.crypto}), and a comparison that takes the same time for every input. */
final class Hmac {

    private static final String ALGORITHM = "HmacSHA256";

    private Hmac() {
    }

    static byte[] sha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            // every Java runtime has HmacSHA256, and any key length is taken
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static byte[] sha256(String key, String data) {
        return sha256(key.getBytes(StandardCharsets.UTF_8), data.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether two values are equal, without telling by its time how much of them is (MessageDigest.isEqual). */
    static boolean same(byte[] expected, byte[] given) {
        return MessageDigest.isEqual(expected, given);
    }
}
