package dev.switchboard.chat.internal.engine;

import dev.switchboard.api.store.Secrets;
import dev.switchboard.api.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Secrets for the chat bundle's tests: reversible and visibly not plain text (so a test can check that nothing is
 * stored in the clear), without the store's key file. The store's own tests cover the real AES-GCM sealing.
 */
public final class PlainSecrets implements Secrets {

    private static final String PREFIX = "test-sealed:";

    @Override
    public String seal(String plaintext) {
        return PREFIX + Base64.getEncoder().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String open(String sealed) {
        if (!sealed.startsWith(PREFIX)) {
            throw new StoreException("not sealed by the test secrets");
        }
        return new String(Base64.getDecoder().decode(sealed.substring(PREFIX.length())), StandardCharsets.UTF_8);
    }

    @Override
    public byte[] derive(String purpose) {
        return Arrays.copyOf(purpose.getBytes(StandardCharsets.UTF_8), 32);
    }

    @Override
    public boolean stale(String sealed) {
        return false;
    }
}
