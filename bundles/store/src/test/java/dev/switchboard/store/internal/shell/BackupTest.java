package dev.switchboard.store.internal.shell;

import dev.switchboard.store.internal.PooledDatabase;
import dev.switchboard.store.internal.secrets.AesGcmSecrets;
import dev.switchboard.store.testing.H2FileDatabase;
import org.apache.karaf.shell.api.console.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code switchboard:backup} as an operator runs it (operator guide, "Backup and restore"; issue 12). */
class BackupTest {

    @RegisterExtension
    static final H2FileDatabase DB = new H2FileDatabase();

    @TempDir
    Path folder;

    @Test
    void theCommandWritesTheZip_andSaysWhereTheKeysAreAndHowToRestore() throws Exception {
        Path keyFile = folder.resolve("etc/switchboard-secrets.key");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Backup command = new Backup();
        command.file = folder.resolve("backup.zip").toString();
        command.database = (PooledDatabase) DB.database();
        command.secrets = AesGcmSecrets.load(name -> null, keyFile);
        command.session = session(new PrintStream(printed, true, StandardCharsets.UTF_8));

        command.execute();

        assertThat(folder.resolve("backup.zip")).isNotEmptyFile();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Wrote " + folder.resolve("backup.zip"),
                "switchboard.mv.db", keyFile.toString(), "To restore: stop Switchboard");
    }

    private static Session session(PrintStream console) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[]{Session.class},
                (self, method, args) -> {
                    if (method.getName().equals("getConsole")) {
                        return console;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
