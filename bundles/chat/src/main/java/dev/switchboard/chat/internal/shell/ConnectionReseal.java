package dev.switchboard.chat.internal.shell;

import dev.switchboard.chat.internal.connection.ConnectionDirectory;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** After a secrets key rotation: seals every connection secret again with the current key (operator guide). */
@Command(scope = "switchboard", name = "connection-reseal",
        description = "Re-encrypts the channel connections' secrets with the current secrets key")
@Service
public class ConnectionReseal implements Action {

    @Reference
    ConnectionDirectory connections;

    @Reference
    Session session;

    @Override
    public Object execute() {
        int n = connections.reseal();
        session.getConsole().println(n + " connection(s) sealed again with the current key");
        return null;
    }
}
