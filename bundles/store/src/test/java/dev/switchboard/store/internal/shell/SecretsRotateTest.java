package dev.switchboard.store.internal.shell;

import dev.switchboard.store.internal.secrets.AesGcmSecrets;
import org.apache.karaf.shell.api.console.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code switchboard:secrets-rotate} as an operator runs it (operator guide, "Secrets"). */
class SecretsRotateTest {

    @TempDir
    Path etc;

    @Test
    void theCommandPutsANewKeyOnTopAndSaysWhatToDoNext() throws Exception {
        Path keyFile = etc.resolve("switchboard-secrets.key");
        AesGcmSecrets secrets = AesGcmSecrets.load(name -> null, keyFile);
        String old = secrets.seal("token");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SecretsRotate command = new SecretsRotate();
        command.rotation = secrets;
        command.session = session(new PrintStream(printed, true, StandardCharsets.UTF_8));

        command.execute();

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Key k2 is now current", keyFile.toString(),
                "switchboard:connection-reseal");
        assertThat(Files.readAllLines(keyFile).stream().filter(line -> !line.startsWith("#")))
                .extracting(line -> line.substring(0, line.indexOf(':'))).containsExactly("k2", "k1");
        assertThat(secrets.stale(old)).isTrue();
        assertThat(secrets.open(old)).isEqualTo("token");
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
