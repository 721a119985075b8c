package dev.switchboard.store.internal.shell;

import dev.switchboard.store.internal.PooledDatabase;
import dev.switchboard.store.internal.backup.EmbeddedBackup;
import dev.switchboard.store.internal.secrets.SecretsRotation;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Writes a consistent backup of the embedded H2 database while Switchboard runs; refuses on PostgreSQL, which
 * pg_dump backs up (issue 12; operator guide, "Backup and restore"). The secrets key is not put into the zip: it
 * protects the channel tokens in the database, so it is kept apart, and the command says where it is.
 */
@Command(scope = "switchboard", name = "backup",
        description = "Writes a consistent backup of the embedded H2 database to a new zip file while Switchboard runs"
                + " (on PostgreSQL use pg_dump)")
@Service
public class Backup implements Action {

    @Argument(index = 0, name = "file", required = true,
            description = "the zip file to write, which must not exist; a relative path is under Karaf's home folder")
    String file;

    @Reference
    PooledDatabase database;

    @Reference
    SecretsRotation secrets;

    @Reference
    Session session;

    @Override
    public Object execute() {
        Path target = Path.of(file);
        if (!target.isAbsolute()) {
            target = Path.of(System.getProperty("karaf.base", ".")).resolve(target);
        }
        EmbeddedBackup.Written written = EmbeddedBackup.write(database, target);
        PrintStream out = session.getConsole();
        out.println("Wrote " + written.file() + " (" + written.bytes() + " bytes): the database file "
                + written.entry() + " as of one commit.");
        out.println("Keep the secrets keys with it (" + secrets.source() + "): without them the channels' tokens "
                + "in the backup cannot be opened.");
        out.println("To restore: stop Switchboard, unpack " + written.entry() + " into the database's folder "
                + "(data/switchboard/ unless h2.file says otherwise), put the keys back, start.");
        return null;
    }
}
