package dev.switchboard.team.internal.shell;

import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Command(scope = "switchboard", name = "member-add",
        description = "Adds a member to a project (creating the login if needed); set its password with password-reset")
@Service
public class MemberAdd implements Action {

    @Argument(index = 0, name = "project", required = true, description = "the project's id")
    long project;

    @Argument(index = 1, name = "email", required = true, description = "the member's e-mail (login)")
    String email;

    @Argument(index = 2, name = "name", required = true, description = "the member's display name")
    String name;

    @Option(name = "--role", description = "OWNER, ADMIN or MANAGER (default MANAGER)")
    Role role = Role.MANAGER;

    @Reference
    MemberService members;

    @Reference
    Session session;

    @Override
    public Object execute() {
        Member m = members.add(new ProjectId(project), email, name, role);
        session.getConsole().println("Added member " + m.id() + " " + m.email() + " as " + m.role());
        return null;
    }
}
