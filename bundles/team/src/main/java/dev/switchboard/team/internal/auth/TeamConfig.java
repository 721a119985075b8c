package dev.switchboard.team.internal.auth;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The team bundle's settings, PID {@code dev.switchboard.team} ({@code etc/dev.switchboard.team.cfg}). */
@ObjectClassDefinition(name = "Switchboard team", description = "Logins, throttling and the first run")
public @interface TeamConfig {

    String PID = "dev.switchboard.team";

    @AttributeDefinition(description = "Argon2id memory per password hash, in KiB")
    int password_memoryKib() default PasswordHasher.DEFAULT_MEMORY_KIB;

    @AttributeDefinition(description = "Argon2id iterations per password hash")
    int password_iterations() default 2;

    @AttributeDefinition(description = "failed logins per account (e-mail) before throttling starts")
    int login_freeFailures() default 5;

    /**
     * Larger than the account's: members behind one address (an office) share it. The address is the browser's
     * as the console reads it from its trusted proxies ({@code trusted.proxies} in {@code dev.switchboard.console}).
     */
    @AttributeDefinition(description = "failed logins per client address, over all accounts, before throttling "
            + "starts")
    int login_addressFreeFailures() default 20;

    @AttributeDefinition(description = "seconds over which failed logins are counted")
    int login_windowSeconds() default 900;

    @AttributeDefinition(description = "longest lock-out, in seconds, however many failures")
    int login_maxDelaySeconds() default 900;

    @AttributeDefinition(description = "on an empty database, create a demo project and an owner login")
    boolean firstRun_enabled() default true;

    @AttributeDefinition(description = "the e-mail of the first-run owner")
    String firstRun_ownerEmail() default "owner@switchboard.local";

    @AttributeDefinition(description = "the first-run owner's password; empty: a random one, printed in the log")
    String firstRun_ownerPassword() default "";

    @AttributeDefinition(description = "the name of the first-run demo project")
    String firstRun_projectName() default "Demo";
}
