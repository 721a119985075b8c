package dev.switchboard.api.store;

/**
 * Encrypts what must not be readable in the database or a backup: channel tokens, CRM keys, webhook secrets
 * (AES-256-GCM through the JDK). The key comes from {@code SWITCHBOARD_SECRETS_KEY} (base64 of 32 bytes) or from
 * {@code etc/switchboard-secrets.key}, created at the first start; that file may list older keys below the current
 * one, so that values sealed before a rotation still open (operator guide, "Secrets").
 */
public interface Secrets {

    /** The sealed form of {@code plaintext}: the current key's id, a fresh nonce and the ciphertext, as text. */
    String seal(String plaintext);

    /**
     * The plaintext of a sealed value.
     *
     * @throws StoreException when no known key opens it or it was tampered with
     */
    String open(String sealed);

    /**
     * A 32-byte key for one purpose (signing public file links), derived from the current key with HMAC-SHA256;
     * it changes when the key is rotated.
     */
    byte[] derive(String purpose);

    /** Whether {@code sealed} was sealed with an older key than the current one (a rotation re-seals it). */
    boolean stale(String sealed);
}
