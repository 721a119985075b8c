package dev.switchboard.team.internal.shell;

import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "switchboard", name = "member-list", description = "Lists a project's members and their roles")
@Service
public class MemberList implements Action {

    @Argument(index = 0, name = "project", required = true, description = "the project's id")
    long project;

    @Reference
    MemberService members;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Id", "E-mail", "Name", "Role", "Sees New", "Sees Others"}) {
            table.column(c);
        }
        for (Member m : members.list(new ProjectId(project))) {
            table.addRow().addContent(m.id().value(), m.email(), m.displayName(), m.role(), m.rights().seeNew(),
                    m.rights().seeOthers());
        }
        table.print(session.getConsole());
        return null;
    }
}
