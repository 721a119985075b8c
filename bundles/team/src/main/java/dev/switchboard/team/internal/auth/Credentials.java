package dev.switchboard.team.internal.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/** The password hasher and the login throttle, shared by the team's components and configured together. */
@Component(service = Credentials.class, configurationPid = TeamConfig.PID)
@Designate(ocd = TeamConfig.class)
public final class Credentials {

    private final PasswordHasher hasher;
    private final LoginThrottle throttle;

    @Activate
    public Credentials(TeamConfig config) {
        this(new PasswordHasher(config.password_memoryKib(), config.password_iterations()),
                new LoginThrottle(Clock.systemUTC(), config.login_freeFailures(),
                        Duration.ofSeconds(config.login_windowSeconds()),
                        Duration.ofSeconds(config.login_maxDelaySeconds())));
    }

    public Credentials(PasswordHasher hasher, LoginThrottle throttle) {
        this.hasher = hasher;
        this.throttle = throttle;
    }

    public PasswordHasher hasher() {
        return hasher;
    }

    public LoginThrottle throttle() {
        return throttle;
    }

    public static String emailKey(String email) {
        return "email:" + email.strip().toLowerCase(Locale.ROOT);
    }

    public static String addressKey(String address) {
        return "address:" + address;
    }
}
