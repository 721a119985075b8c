package dev.switchboard.team.internal.shell;

import dev.switchboard.api.team.Project;
import dev.switchboard.api.team.ProjectService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "switchboard", name = "project-list", description = "Lists the projects")
@Service
public class ProjectList implements Action {

    @Reference
    ProjectService projects;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Name");
        table.column("Created");
        for (Project p : projects.list()) {
            table.addRow().addContent(p.id().value(), p.name(), p.createdAt());
        }
        table.print(session.getConsole());
        return null;
    }
}
