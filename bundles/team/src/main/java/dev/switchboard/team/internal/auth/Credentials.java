package dev.switchboard.team.internal.auth;

import java.time.Clock;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The password hasher and the login throttle's rules, shared by the team's components and configured together. The
 * throttle's state is kept where a component puts it ({@link LoginThrottle#in}): the team's database.
 */
@Component(service = Credentials.class, configurationPid = TeamConfig.PID)
@Designate(ocd = TeamConfig.class)
public final class Credentials {

    private final PasswordHasher hasher;
    private final LoginThrottle throttle;

    @Activate
    public Credentials(TeamConfig config) {
        this(new PasswordHasher(config.password_memoryKib(), config.password_iterations()),
                new LoginThrottle(Clock.systemUTC(), config.login_freeFailures(), config.login_addressFreeFailures(),
                        Duration.ofSeconds(config.login_windowSeconds()),
                        Duration.ofSeconds(config.login_maxDelaySeconds()), new LoginThrottle.MemoryStore()));
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
}
