package dev.switchboard.api.team;

import java.time.Duration;

/**
 * Checks console logins. Repeated failures for one e-mail or from one address are throttled: after a few
 * failures every further attempt is refused for a growing period, whether or not the password is right.
 */
public interface Authenticator {

    /**
     * @param remoteAddress the client's address, for throttling by source
     */
    Result authenticate(String email, char[] password, String remoteAddress);

    /** The outcome of a login attempt. */
    sealed interface Result {
    }

    /** Right e-mail and password. */
    record Success(Account account) implements Result {
    }

    /** Unknown e-mail or wrong password: deliberately not told apart. */
    record Failure() implements Result {
    }

    /** Too many failures: try again after {@code retryAfter}. */
    record Throttled(Duration retryAfter) implements Result {
    }
}
