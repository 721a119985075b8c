package dev.switchboard.team.internal.shell;

import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.team.Group;
import dev.switchboard.api.team.GroupService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "switchboard", name = "group-list", description = "Lists a project's groups")
@Service
public class GroupList implements Action {

    @Argument(index = 0, name = "project", required = true, description = "the project's id")
    long project;

    @Reference
    GroupService groups;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Id", "Name", "Members (empty: everyone)", "Auto-forwarded sources"}) {
            table.column(c);
        }
        for (Group g : groups.list(new ProjectId(project))) {
            table.addRow().addContent(g.id().value(), g.name(), g.members(), g.autoForwardSources());
        }
        table.print(session.getConsole());
        return null;
    }
}
