package dev.switchboard.itest;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;

/** Boots the built Switchboard distribution in Pax Exam, as {@code bin/karaf} would start it on Java 17. */
public final class ExamOptions {

    public static final String OWNER_EMAIL = "owner@switchboard.local";
    public static final String OWNER_PASSWORD = "itest-owner-password";

    private ExamOptions() {
    }

    /** The symbolic name of the test channel's bundle. */
    public static final String TEST_CHANNEL_BUNDLE = "dev.switchboard.itest.channel";

    /**
     * The distribution with the console on {@code httpPort}, the first-run owner's password set, and the public
     * address (webhook URLs, public file links) on that port.
     */
    public static List<Option> distribution(int httpPort) {
        String version = System.getProperty("switchboard.version");
        String karafVersion = "4.4.10";
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(maven("dev.switchboard", "switchboard-distribution").type("tar.gz")
                                .version(version))
                        .karafVersion(karafVersion)
                        .name("Switchboard")
                        .unpackDirectory(new File(System.getProperty("switchboard.work"), "exam"))
                        .useDeployFolder(false),
                keepRuntimeFolder(),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevelOption.LogLevel.INFO),
                systemTimeout(180_000),
                editConfigurationFilePut("etc/org.apache.felix.http.cfg", "org.osgi.service.http.port",
                        Integer.toString(httpPort)),
                editConfigurationFilePut("etc/dev.switchboard.chat.cfg", "public.url",
                        "http://127.0.0.1:" + httpPort),
                editConfigurationFilePut("etc/dev.switchboard.team.cfg", "firstRun.ownerPassword", OWNER_PASSWORD),
                // The probe's own tests log in a few times; keep hashing cheap there.
                editConfigurationFilePut("etc/dev.switchboard.team.cfg", "password.memoryKib", "8192"),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                                System.getProperty("user.home") + "/.m2/repository"))));
        // The module flags of Karaf 4.4's bin/karaf for Java 9+.
        for (String flag : new String[] {
                "--add-reads=java.xml=java.logging",
                "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                "--patch-module=java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
                "--patch-module=java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar",
                "--add-opens=java.base/java.security=ALL-UNNAMED",
                "--add-opens=java.base/java.net=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.naming/javax.naming.spi=ALL-UNNAMED",
                "--add-opens=java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                "-Xmx1g"}) {
            options.add(vmOption(flag));
        }
        return options;
    }

    /** Points the distribution's store at the local PostgreSQL database {@code db} (see {@link Postgres}). */
    public static List<Option> postgres(String db) {
        return List.of(editConfigurationFilePut("etc/dev.switchboard.store.cfg", "db.kind", "postgresql"),
                editConfigurationFilePut("etc/dev.switchboard.store.cfg", "postgresql.url", Postgres.url(db)),
                editConfigurationFilePut("etc/dev.switchboard.store.cfg", "postgresql.user", "postgres"));
    }

    /**
     * The test channel installed at boot from the integration tests' own features repository, as an operator
     * installs a plugin; the product's repository does not know it.
     */
    public static Option testChannel() {
        return features(maven("dev.switchboard", "switchboard-itest-features").classifier("features").type("xml")
                .version(System.getProperty("switchboard.version")), "switchboard-itest-channel");
    }

    /** The integration tests' features repository, for {@code feature:repo-add} in a distribution's shell. */
    public static String itestFeaturesRepository() {
        return "mvn:dev.switchboard/switchboard-itest-features/" + System.getProperty("switchboard.version")
                + "/xml/features";
    }

    /** A free local port, for the console of one test container. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** The test plugin bundle's jar, copied next to the tests by the build. */
    public static File itestPanelJar() {
        return new File(System.getProperty("switchboard.artifacts"), "switchboard-itest-panel.jar");
    }
}
