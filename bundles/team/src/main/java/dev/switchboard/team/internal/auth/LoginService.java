package dev.switchboard.team.internal.auth;

import dev.switchboard.api.domain.AccountId;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.team.Account;
import dev.switchboard.api.team.Authenticator;
import dev.switchboard.team.internal.store.AccountEntity;
import dev.switchboard.team.internal.store.TeamUnit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Console logins: Argon2id-checked passwords, throttled per account and per client address with the counts in the
 * database ({@link LoginThrottle}, issue 12). A login is answered with a stamp of the password hash it matched, so
 * that a session made with a password ends when the password is set again ({@link #stillValid}), on every node.
 */
@Component(service = Authenticator.class)
public final class LoginService implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);

    private final PersistenceUnit unit;
    private final Credentials credentials;
    private final LoginThrottle throttle;

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
        this.throttle = credentials.throttle().in(unit);
    }

    @Override
    public Result authenticate(String email, char[] password, String remoteAddress) {
        try {
            String normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
            Optional<Duration> wait = throttle.lockedFor(normalised, remoteAddress);
            if (wait.isPresent()) {
                LOG.info("Throttled console login from {}", remoteAddress);
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
                throttle.failed(normalised, remoteAddress);
                LOG.info("Failed console login from {}", remoteAddress);
                return new Failure();
            }
            throttle.succeeded(normalised);
            Account a = account.get().toRecord();
            LOG.info("Console login of account {}", a.id());
            return new Success(a, stamp(hash.get()));
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Override
    public boolean stillValid(AccountId account, String credentialStamp) {
        if (credentialStamp == null) {
            return false;
        }
        Optional<String> hash = unit.read((em, tx) -> Optional.ofNullable(em.find(AccountEntity.class,
                account.value())).flatMap(AccountEntity::passwordHash));
        return hash.isPresent() && MessageDigest.isEqual(stamp(hash.get()).getBytes(StandardCharsets.US_ASCII),
                credentialStamp.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Names one password hash: a new password (even the same one again) gets a new salt, so a new hash and a new
     * stamp. A digest of the hash, so that the stamp, kept in console sessions, is no hash one could attack.
     */
    static String stamp(String passwordHash) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    ("switchboard-session:" + passwordHash).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
