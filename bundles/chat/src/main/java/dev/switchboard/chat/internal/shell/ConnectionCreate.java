package dev.switchboard.chat.internal.shell;

import dev.switchboard.api.channel.ConnectionDetails;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * Connects a channel (bot, page, widget) to a project with its settings; owners and admins only (architecture §3,
 * §4). Prints the webhook URL to give the platform where the channel does not register it itself.
 */
@Command(scope = "switchboard", name = "connection-create",
        description = "Connects a channel to a project: settings as key=value (see connection-types)")
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

    @Argument(index = 4, name = "settings", multiValued = true,
            description = "the connection's settings, key=value each (a secret given here stays in the shell history)")
    List<String> settings;

    @Reference
    ConnectionService connections;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ConnectionDetails c = connections.create(new ProjectId(project), new MemberId(member), type, name,
                ConnectionList.settings(settings));
        session.getConsole().println("Created connection " + c.connection().id() + " " + c.connection().type() + " "
                + c.connection().name());
        ConnectionList.print(session.getConsole(), List.of(c));
        return null;
    }
}
