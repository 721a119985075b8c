package dev.switchboard.team.internal.shell;

import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.team.Group;
import dev.switchboard.api.team.GroupService;
import dev.switchboard.api.team.MemberService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Command(scope = "switchboard", name = "group-create", description = "Creates a group (department) in a project")
@Service
public class GroupCreate implements Action {

    @Argument(index = 0, name = "project", required = true, description = "the project's id")
    long project;

    @Argument(index = 1, name = "name", required = true, description = "the group's name")
    String name;

    @Option(name = "--as", description = "the acting member's id (default: the project's first owner)")
    Long as;

    @Reference
    GroupService groups;

    @Reference
    MemberService members;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ProjectId p = new ProjectId(project);
        Group g = groups.create(p, Actors.actor(members, p, as), name);
        session.getConsole().println("Created group " + g.id() + " " + g.name());
        return null;
    }
}
