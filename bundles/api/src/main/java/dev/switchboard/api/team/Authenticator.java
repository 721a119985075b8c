package dev.switchboard.api.team;

import dev.switchboard.api.domain.AccountId;
import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks console logins. Repeated failures for one e-mail or from one client address are throttled, on every node
 * alike: after a few failures every further attempt is refused for a growing period, whether or not the password
 * is right.
 */
@ProviderType
public interface Authenticator {

    /**
     * @param remoteAddress the client's address, for throttling by source: the browser's, not a reverse proxy's
     */
    Result authenticate(String email, char[] password, String remoteAddress);

    /**
     * Whether a login that {@link Success} answered with {@code credentialStamp} still stands: false once the
     * account's password was set or reset since, on any node, or the account is gone. A console asks it while a
     * session lasts and ends the session when it is false.
     */
    boolean stillValid(AccountId account, String credentialStamp);

    /** The outcome of a login attempt. */
    sealed interface Result {
    }

    /**
     * Right e-mail and password.
     *
     * @param credentialStamp names the password this login was made with, for {@link #stillValid}; it tells
     *                        nothing about the password itself
     */
    record Success(Account account, String credentialStamp) implements Result {
    }

    /** Unknown e-mail or wrong password: deliberately not told apart. */
    record Failure() implements Result {
    }

    /** Too many failures: try again after {@code retryAfter}. */
    record Throttled(Duration retryAfter) implements Result {
    }
}
