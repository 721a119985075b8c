package dev.switchboard.team.internal.auth;

import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.team.Account;
import dev.switchboard.api.team.Authenticator;
import dev.switchboard.team.internal.store.AccountEntity;
import dev.switchboard.team.internal.store.TeamUnit;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Console logins: Argon2id-checked passwords, throttled per e-mail and per remote address. */
@Component(service = Authenticator.class)
public final class LoginService implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);

    private final PersistenceUnit unit;
    private final Credentials credentials;

    @Activate
    public LoginService(@Reference TeamUnit unit, @Reference Credentials credentials) {
        this(unit.unit(), credentials);
    }

    /*
     * Outside OSGi (tests, benchmarks) through a factory, not a second public constructor of the same arity:
     * Felix SCR picks the public constructor to inject by its number of parameters and would try the wrong one.
     */
    public static LoginService on(PersistenceUnit unit, Credentials credentials) {
        return new LoginService(unit, credentials);
    }

    private LoginService(PersistenceUnit unit, Credentials credentials) {
        this.unit = unit;
        this.credentials = credentials;
    }

    @Override
    public Result authenticate(String email, char[] password, String remoteAddress) {
        try {
            String normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
            String emailKey = Credentials.emailKey(normalised);
            String addressKey = Credentials.addressKey(remoteAddress == null ? "unknown" : remoteAddress);
            LoginThrottle throttle = credentials.throttle();
            Optional<Duration> wait = throttle.lockedFor(emailKey).or(() -> throttle.lockedFor(addressKey));
            if (wait.isPresent()) {
                return new Throttled(wait.get());
            }
            Optional<AccountEntity> account = normalised.isEmpty() ? Optional.empty() : unit.read((em, tx) ->
                    AccountEntity.byEmail(em, normalised));
            Optional<String> hash = account.flatMap(AccountEntity::passwordHash);
            boolean ok;
            if (hash.isPresent()) {
                ok = credentials.hasher().matches(hash.get(), password);
            } else {
                credentials.hasher().burn(password);
                ok = false;
            }
            if (!ok) {
                throttle.failed(emailKey);
                throttle.failed(addressKey);
                LOG.info("Failed console login from {}", remoteAddress);
                return new Failure();
            }
            throttle.succeeded(emailKey);
            throttle.succeeded(addressKey);
            Account a = account.get().toRecord();
            LOG.info("Console login of account {}", a.id());
            return new Success(a);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }
}
