package dev.switchboard.store.internal.shell;

import dev.switchboard.store.internal.secrets.SecretsRotation;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** Puts a new current secrets key on top of the key file, keeping the older ones (operator guide, "Secrets"). */
@Command(scope = "switchboard", name = "secrets-rotate",
        description = "Writes a new current secrets key on top of etc/switchboard-secrets.key, keeping the older ones")
@Service
public class SecretsRotate implements Action {

    @Reference
    SecretsRotation rotation;

    @Reference
    Session session;

    @Override
    public Object execute() {
        String id = rotation.rotate();
        session.getConsole().println("Key " + id + " is now current in " + rotation.source() + "; new values are "
                + "sealed with it and older values still open with the keys below it.");
        session.getConsole().println("Next: copy the file to every other node, back it up, re-seal stored values "
                + "(switchboard:connection-reseal), then remove the old key lines once nothing stale remains.");
        return null;
    }
}
