package dev.switchboard.team.internal.auth;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt through BouncyCastle's implementation. bcrypt reads at most 72 bytes of a password; longer passwords
 * are accepted and their tail ignored, which is the usual and documented trade-off.
 */
public final class PasswordHasher {

    /** About 0.1 to 0.3 s per hash on a small server: slow for guessing, fine for a login. */
    public static final int DEFAULT_COST = 12;

    private final SecureRandom random = new SecureRandom();
    private final int cost;
    /** A hash to check unknown e-mails against, so that they take as long as known ones. */
    private final String decoy;

    public PasswordHasher(int cost) {
        this.cost = cost;
        this.decoy = hash("decoy-password".toCharArray());
    }

    public String hash(char[] password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password, salt, cost);
    }

    public boolean matches(String hash, char[] password) {
        return OpenBSDBCrypt.checkPassword(hash, password);
    }

    /** Spends the time of one check without any hash, for unknown accounts. */
    public void burn(char[] password) {
        OpenBSDBCrypt.checkPassword(decoy, password);
    }
}
