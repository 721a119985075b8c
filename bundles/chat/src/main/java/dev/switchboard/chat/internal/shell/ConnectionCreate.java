package dev.switchboard.chat.internal.shell;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** Connects a channel (bot, page, widget) to a project; owners and admins only (architecture §3). */
@Command(scope = "switchboard", name = "connection-create", description = "Connects a channel to a project")
@Service
public class ConnectionCreate implements Action {

    @Argument(index = 0, name = "project", required = true, description = "the project's id")
    long project;

    @Argument(index = 1, name = "member", required = true, description = "the acting owner's or admin's member id")
    long member;

    @Argument(index = 2, name = "type", required = true, description = "the channel type (telegram, widget, ...)")
    String type;

    @Argument(index = 3, name = "name", required = true, description = "the connection's name in the project")
    String name;

    @Reference
    ConnectionService connections;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ChannelConnection c = connections.create(new ProjectId(project), new MemberId(member), type, name);
        session.getConsole().println("Created connection " + c.id() + " " + c.type() + " " + c.name());
        return null;
    }
}
