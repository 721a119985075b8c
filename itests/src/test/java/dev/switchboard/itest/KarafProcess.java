package dev.switchboard.itest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The distribution started the way an operator starts it: unpacked from its tar.gz, configured through its
 * {@code etc/*.cfg} files, run with {@code bin/karaf server}, driven with {@code bin/client}.
 */
final class KarafProcess implements AutoCloseable {

    private final Path home;
    private final int httpPort;
    private final int sshPort;
    private Process process;

    private KarafProcess(Path home, int httpPort, int sshPort) {
        this.home = home;
        this.httpPort = httpPort;
        this.sshPort = sshPort;
    }

    /** Unpacks a fresh copy of the distribution into {@code dir} and configures its ports and first run. */
    static KarafProcess unpack(Path dir, Map<String, Map<String, String>> cfg) throws IOException, InterruptedException {
        Path tar = Path.of(System.getProperty("switchboard.artifacts"), "switchboard-distribution.tar.gz");
        if (Files.exists(dir)) {
            run(List.of("rm", "-rf", dir.toString()), dir.getParent());
        }
        Files.createDirectories(dir);
        run(List.of("tar", "-xzf", tar.toString(), "-C", dir.toString(), "--strip-components=1"), dir);
        KarafProcess karaf = new KarafProcess(dir, ExamOptions.freePort(), ExamOptions.freePort());
        karaf.put("org.apache.felix.http.cfg", Map.of("org.osgi.service.http.port", Integer.toString(karaf.httpPort)));
        karaf.put("org.apache.karaf.shell.cfg", Map.of("sshPort", Integer.toString(karaf.sshPort),
                "sshHost", "127.0.0.1"));
        // webhook URLs and public file links on this port, where the tests' platform calls them
        karaf.put("dev.switchboard.chat.cfg", Map.of("public.url", "http://127.0.0.1:" + karaf.httpPort));
        // A local admin for bin/client; the distribution ships without any shell user.
        Files.writeString(dir.resolve("etc/users.properties"),
                "itest = itest,_g_:admingroup\n_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n");
        for (Map.Entry<String, Map<String, String>> e : cfg.entrySet()) {
            karaf.put(e.getKey(), e.getValue());
        }
        return karaf;
    }

    /** Appends settings to an etc/*.cfg file; later keys win over earlier ones in Karaf's properties files. */
    void put(String cfgFile, Map<String, String> values) throws IOException {
        StringBuilder sb = new StringBuilder("\n");
        values.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(home.resolve("etc").resolve(cfgFile), sb.toString(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Starts Karaf and waits until the console answers 200. */
    KarafProcess start() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("console.out").toFile());
        pb.environment().put("JAVA_MAX_MEM", "1024m");
        process = pb.start();
        awaitConsole(Duration.ofSeconds(120));
        return this;
    }

    URI consoleUri() {
        return URI.create("http://127.0.0.1:" + httpPort + "/");
    }

    /** An HTTP GET against the distribution's HTTP port; returns the status and body. */
    HttpResponse<String> httpGet(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(consoleUri().resolve(path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** An HTTP POST of a form or JSON body against the distribution's HTTP port; returns the status and body. */
    HttpResponse<String> httpPost(String path, String contentType, String body) throws IOException,
            InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(consoleUri().resolve(path))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Runs Karaf shell commands through bin/client and returns what they printed. */
    String shell(String commands) throws IOException, InterruptedException {
        Process client = new ProcessBuilder(home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort),
                "-h", "127.0.0.1", "-u", "itest", "-p", "itest", "-r", "10", "-d", "2", "-b")
                .directory(home.toFile()).redirectErrorStream(true).start();
        try (OutputStream in = client.getOutputStream()) {
            in.write((commands + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out;
        try (InputStream o = client.getInputStream()) {
            out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!client.waitFor(60, TimeUnit.SECONDS) || client.exitValue() != 0) {
            client.destroyForcibly();
            throw new IllegalStateException("bin/client failed: " + out);
        }
        return out;
    }

    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    /**
     * Kills Karaf's JVM with SIGKILL, as a crash, the kernel's OOM killer or a pulled plug of a container does: no
     * shutdown hook, no bundle stops, nothing written after it. {@code bin/karaf server} runs java as a child of its
     * script (only {@code daemon} execs it), so the JVM is found among the script's descendants and killed itself;
     * {@link ProcessHandle#destroyForcibly()} sends SIGKILL on Linux and macOS. The script then exits on its own.
     */
    void kill() throws InterruptedException {
        List<ProcessHandle> jvms = process.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).toList();
        if (jvms.size() != 1) {
            throw new IllegalStateException("expected Karaf's one JVM under bin/karaf, found " + jvms.size());
        }
        jvms.get(0).destroyForcibly();
        jvms.get(0).onExit().join();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/karaf did not end after its JVM was killed");
        }
    }

    private void awaitConsole(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Karaf exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(consoleUri()).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("console did not answer within " + timeout);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            // bin/stop asks Karaf to shut down cleanly through its shutdown port, as an operator would.
            try {
                new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                        .waitFor(30, TimeUnit.SECONDS);
            } catch (IOException e) {
                process.descendants().forEach(ProcessHandle::destroy);
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " failed");
        }
    }
}
