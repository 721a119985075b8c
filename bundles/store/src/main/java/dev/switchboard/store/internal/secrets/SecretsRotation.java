package dev.switchboard.store.internal.secrets;

import dev.switchboard.api.store.StoreException;

/**
 * Rotation of the secrets key, for the {@code switchboard:secrets-rotate} command; registered by the secrets
 * component beside {@link dev.switchboard.api.store.Secrets}, private to this bundle.
 */
public interface SecretsRotation {

    /**
     * Writes a new current key on top of the key file, keeping the older ones, and seals with it from now on.
     *
     * @return the new key's id
     * @throws StoreException when the key comes from the environment or the file cannot be written
     */
    String rotate();

    /** Where the keys come from, for messages: the key file's path or the environment variable's name. */
    String source();
}
