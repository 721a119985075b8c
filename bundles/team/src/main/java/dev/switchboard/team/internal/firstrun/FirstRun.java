package dev.switchboard.team.internal.firstrun;

import dev.switchboard.api.domain.Role;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.api.team.Project;
import dev.switchboard.api.team.ProjectService;
import dev.switchboard.team.internal.auth.TeamConfig;
import java.security.SecureRandom;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On an empty database, creates a demo project and its owner, so that whoever starts Switchboard for the first
 * time can log in at once. The generated password is logged once: it is the only way to hand it over without
 * a shell, as Jenkins and others do; the log line tells how to change it.
 */
@Component(configurationPid = TeamConfig.PID, immediate = true, service = {})
public final class FirstRun {

    private static final Logger LOG = LoggerFactory.getLogger(FirstRun.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    @Activate
    public FirstRun(@Reference ProjectService projects, @Reference MemberService members, TeamConfig config) {
        if (config.firstRun_enabled()) {
            run(projects, members, config.firstRun_projectName(), config.firstRun_ownerEmail(),
                    config.firstRun_ownerPassword());
        }
    }

    /** Creates the demo project and owner if there is no project yet; returns whether it did. */
    public static boolean run(ProjectService projects, MemberService members, String projectName, String email,
                              String configuredPassword) {
        if (!projects.list().isEmpty()) {
            return false;
        }
        Project project;
        try {
            project = projects.create(projectName);
        } catch (Conflict raced) {
            // Another node created it a moment ago.
            return false;
        }
        members.add(project.id(), email, "Owner", Role.OWNER);
        boolean generated = configuredPassword == null || configuredPassword.isBlank();
        String password = generated ? randomPassword() : configuredPassword;
        members.setPassword(email, password.toCharArray());
        if (generated) {
            LOG.info("First run: created project '{}' and its owner {} with password {} "
                    + "(change it with: switchboard:password-reset {})", projectName, email, password, email);
        } else {
            LOG.info("First run: created project '{}' and its owner {} with the configured password",
                    projectName, email);
        }
        return true;
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(14);
        for (int i = 0; i < 14; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
