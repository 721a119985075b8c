package dev.switchboard.chat.internal.shell;

import dev.switchboard.api.channel.ChannelType;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.channel.SettingField;
import java.io.PrintStream;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** Lists the channel types installed now, with the settings a connection of each needs. */
@Command(scope = "switchboard", name = "connection-types",
        description = "Lists the installed channel types and their settings")
@Service
public class ConnectionTypes implements Action {

    @Reference
    ConnectionService connections;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        if (connections.types().isEmpty()) {
            out.println("No channel is installed (feature:list | grep switchboard-channel)");
        }
        for (ChannelType t : connections.types()) {
            out.println(t.type() + " - " + t.name(Locale.ENGLISH));
            for (SettingField f : t.settings()) {
                out.printf("  %s (%s%s)%s %s%n", f.key(), f.type().name().toLowerCase(Locale.ROOT),
                        f.required() ? ", required" : "", f.defaultValue().map(d -> " [" + d + "]").orElse(""),
                        f.label(Locale.ENGLISH));
            }
        }
        return null;
    }
}
