package dev.switchboard.team.internal.shell;

import dev.switchboard.api.team.MemberService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Command(scope = "switchboard", name = "password-reset",
        description = "Sets a login's password and lifts its login throttling")
@Service
public class PasswordReset implements Action {

    @Argument(index = 0, name = "email", required = true, description = "the login's e-mail")
    String email;

    @Option(name = "--password", description = "the new password (asked for, hidden, when left out)")
    String password;

    @Reference
    MemberService members;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        String p = password != null ? password : session.readLine("New password: ", '*');
        members.setPassword(email, p.toCharArray());
        session.getConsole().println("Password of " + email + " changed");
        return null;
    }
}
