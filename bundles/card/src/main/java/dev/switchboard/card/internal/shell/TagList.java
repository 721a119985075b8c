package dev.switchboard.card.internal.shell;

import dev.switchboard.api.card.Tag;
import dev.switchboard.api.card.TagService;
import dev.switchboard.api.domain.ProjectId;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "switchboard", name = "tag-list", description = "Lists a project's tag catalogue (CARD-4)")
@Service
public class TagList implements Action {

    @Argument(index = 0, name = "project", required = true, description = "the project's id")
    long project;

    @Reference
    TagService tags;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Id", "Name", "Colour"}) {
            table.column(c);
        }
        for (Tag t : tags.tags(new ProjectId(project))) {
            table.addRow().addContent(t.id().value(), t.name(), t.colour());
        }
        table.print(session.getConsole());
        return null;
    }
}
