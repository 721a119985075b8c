package dev.switchboard.team.internal.shell;

import dev.switchboard.api.team.Project;
import dev.switchboard.api.team.ProjectService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Command(scope = "switchboard", name = "project-create", description = "Creates a project")
@Service
public class ProjectCreate implements Action {

    @Argument(index = 0, name = "name", required = true, description = "the project's name")
    String name;

    @Reference
    ProjectService projects;

    @Reference
    Session session;

    @Override
    public Object execute() {
        Project p = projects.create(name);
        session.getConsole().println("Created project " + p.id() + " " + p.name());
        return null;
    }
}
