package dev.switchboard.team.internal.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashes (Password4j), stored in the PHC string format, so that the parameters travel with
 * each hash and can be raised later without invalidating old ones.
 */
public final class PasswordHasher {

    /** OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane. */
    public static final int DEFAULT_MEMORY_KIB = 19_456;

    private final Argon2Function function;
    /** A hash to check unknown e-mails against, so that they take as long as known ones. */
    private final String decoy;

    public PasswordHasher(int memoryKib, int iterations) {
        this.function = Argon2Function.getInstance(memoryKib, iterations, 1, 32, Argon2.ID);
        this.decoy = hash("decoy-password".toCharArray());
    }

    public String hash(char[] password) {
        return Password.hash(new String(password)).addRandomSalt(16).with(function).getResult();
    }

    public boolean matches(String hash, char[] password) {
        return Password.check(new String(password), hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** Spends the time of one check without any hash, for unknown accounts. */
    public void burn(char[] password) {
        matches(decoy, password);
    }
}
