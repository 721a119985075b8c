package dev.switchboard.chat.internal.shell;

import dev.switchboard.api.channel.ConnectionDetails;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.InvalidInput;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** Lists a project's channel connections with their status and webhook URLs, as an owner or admin sees them. */
@Command(scope = "switchboard", name = "connection-list",
        description = "Lists a project's channel connections with status and webhook URL")
@Service
public class ConnectionList implements Action {

    @Argument(index = 0, name = "project", required = true, description = "the project's id")
    long project;

    @Argument(index = 1, name = "member", required = true, description = "the viewing owner's or admin's member id")
    long member;

    @Reference
    ConnectionService connections;

    @Reference
    Session session;

    @Override
    public Object execute() {
        print(session.getConsole(), connections.list(new ProjectId(project), new MemberId(member)));
        return null;
    }

    /** One block per connection: id, type, name, status, webhook, settings (secrets by key only). */
    static void print(PrintStream out, List<ConnectionDetails> list) {
        for (ConnectionDetails c : list) {
            out.printf("%s %s \"%s\" %s%n", c.connection().id(), c.connection().type(), c.connection().name(),
                    c.status().state());
            c.status().lastError().ifPresent(e -> out.println("  last error: " + e
                    + c.status().lastErrorAt().map(at -> " (" + at + ")").orElse("")));
            c.status().lastWebhook().ifPresent(at -> out.println("  last webhook: " + at));
            out.println("  webhook: " + c.webhookUrl());
            c.settings().forEach((k, v) -> out.println("  " + k + " = " + v));
            c.secretsSet().forEach(k -> out.println("  " + k + " = (secret, set)"));
        }
    }

    /** {@code key=value} arguments as a map; an argument without '=' is refused. */
    static Map<String, String> settings(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args == null ? List.<String>of() : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new InvalidInput("settings", "expected key=value, got " + arg);
            }
            values.put(arg.substring(0, eq).strip(), arg.substring(eq + 1));
        }
        return values;
    }
}
