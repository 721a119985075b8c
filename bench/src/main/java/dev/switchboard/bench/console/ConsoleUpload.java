package dev.switchboard.bench.console;

import dev.switchboard.bench.common.GeneratedContent;

import dev.switchboard.bench.common.Cpu;
import dev.switchboard.bench.common.Machine;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * INP-3 through the console's own upload endpoint: a headless Chromium logs in to a running distribution, opens the
 * one New chat, takes it (only the responsible may send files) and reads the address the composer's file upload
 * posts to (the {@code target} of {@code #composer-upload-files}, Vaadin's upload handler of that page); then this
 * driver POSTs a generated file there as the browser would, {@code multipart/form-data} with the session's cookie,
 * streamed with its length over plain blocking I/O ({@link HttpURLConnection}), and times the request to its answer, which Vaadin gives after the handler returned, i.e.
 * after {@code ChatService.upload} stored the file. The browser's own file input is not used: generating 100 MB
 * while sending costs no disk, and the request is byte for byte what the upload element sends.
 * <p>
 * Around each upload: the distribution's heap through {@code jcmd} (used after a full GC before and after), and the
 * highest heap use {@code jstat -gc} samples every 100 ms while the request runs; after it, the stored file's bytes
 * are read from the database in chunk order and hashed, and compared with what was sent.
 *
 * <p>Arguments: console URL, e-mail, password, JDBC URL of the distribution's database, Karaf's Java pid,
 * {@code [megabytes=100] [uploads=2]}.
 */
public final class ConsoleUpload {

    private static final long MB = 1024L * 1024L;

    public static void main(String[] args) throws Exception {
        URI console = URI.create(args[0]);
        String email = args[1];
        String password = args[2];
        String db = args[3];
        long pid = Long.parseLong(args[4]);
        int megabytes = args.length > 5 ? Integer.parseInt(args[5]) : 100;
        int uploads = args.length > 6 ? Integer.parseInt(args[6]) : 2;
        System.out.println("== Upload of a " + megabytes + " MB file through the console's upload endpoint (HTTP,"
                + " multipart, Vaadin's UploadHandler into ChatService.upload), " + uploads + " uploads");
        System.out.println(Machine.describe(db.substring(0, db.lastIndexOf('/') + 1) + "postgres", "postgres"));
        System.out.println("distribution heap: " + jcmd(pid, "GC.heap_info").lines().findFirst().orElse("?").strip());
        WebDriver driver = chromium();
        boolean allOk = true;
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            driver.get(console.toString());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#login-email input")));
            driver.findElement(By.cssSelector("#login-email input")).sendKeys(email);
            driver.findElement(By.cssSelector("#login-password input")).sendKeys(password);
            driver.findElement(By.id("login-submit")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tab-new")));
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[starts-with(@id,'chat-item-')]")))
                    .click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("action-take"))).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("action-take")));
            String target = wait.until(d -> {
                String t = d.findElement(By.id("composer-upload-files")).getAttribute("target");
                return t == null || t.isBlank() ? null : t;
            });
            URI upload = console.resolve(target);
            String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                    .collect(Collectors.joining("; "));
            System.out.println("upload endpoint: " + upload.getPath() + " (session cookie "
                    + driver.manage().getCookies().stream().map(c -> c.getName()).toList() + ")");
            for (int run = 1; run <= uploads; run++) {
                allOk &= upload(upload, cookies, megabytes * MB, run, db, pid);
            }
        } finally {
            driver.quit();
        }
        System.out.println("at the end, " + Machine.load());
        System.out.println(allOk ? "RESULT: every file stored intact" : "RESULT: FAILED");
    }

    private static boolean upload(URI target, String cookies, long size, int run, String db,
                                  long pid) throws Exception {
        long before = usedAfterGc(pid);
        String boundary = "----sbbench" + UUID.randomUUID().toString().replace("-", "");
        String name = "backup-" + run + ".dat";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        GeneratedContent content = new GeneratedContent(size, 4242 + run);
        HeapSampler sampler = HeapSampler.start(pid);
        double cpu0 = Cpu.millis(pid);
        double ownCpu0 = Cpu.ownMillis();
        long t0 = System.nanoTime();
        // plain blocking I/O with the length known, as a browser streams a file (the JDK HttpClient's
        // InputStream publisher once spun a whole core for seconds on a 100 MB body and slowed the server with it)
        HttpURLConnection post = (HttpURLConnection) target.toURL().openConnection();
        post.setRequestMethod("POST");
        post.setDoOutput(true);
        post.setFixedLengthStreamingMode(head.length + size + tail.length);
        post.setRequestProperty("Content-Type", "multipart/form-data; boundary=" + boundary);
        post.setRequestProperty("Cookie", cookies);
        post.setReadTimeout(600_000);
        try (OutputStream out = post.getOutputStream()) {
            out.write(head);
            byte[] buffer = new byte[64 * 1024];
            for (int n = content.read(buffer, 0, buffer.length); n > 0; n = content.read(buffer, 0, buffer.length)) {
                out.write(buffer, 0, n);
            }
            out.write(tail);
        }
        int status = post.getResponseCode();
        try (InputStream answer = status < 400 ? post.getInputStream() : post.getErrorStream()) {
            if (answer != null) {
                answer.readAllBytes();
            }
        }
        long t1 = System.nanoTime();
        double cpu = Cpu.millis(pid) - cpu0;
        double ownCpu = Cpu.ownMillis() - ownCpu0;
        long peak = sampler.stop();
        long after = usedAfterGc(pid);

        String sent = content.sha256();
        String stored = "";
        long storedSize = -1;
        long fileId = -1;
        try (Connection c = DriverManager.getConnection(db, "postgres", null)) {
            try (PreparedStatement q = c.prepareStatement("select id, size from file_blob where name = ? and complete"
                    + " order by id desc limit 1")) {
                q.setString(1, name);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        fileId = r.getLong(1);
                        storedSize = r.getLong(2);
                    }
                }
            }
            if (fileId > 0) {
                c.setAutoCommit(false);
                MessageDigest digest = GeneratedContent.sha256Digest();
                try (PreparedStatement q = c.prepareStatement("select data from file_chunk where file_id = ?"
                        + " order by seq")) {
                    q.setFetchSize(4);
                    q.setLong(1, fileId);
                    try (ResultSet r = q.executeQuery()) {
                        while (r.next()) {
                            digest.update(r.getBytes(1));
                        }
                    }
                }
                c.commit();
                stored = HexFormat.of().formatHex(digest.digest());
            }
        }
        boolean ok = status == 200 && storedSize == size && sent.equals(stored);
        double seconds = (t1 - t0) / 1e9;
        System.out.printf("upload %d: HTTP %d after %.2f s (%.0f MB/s, request to answer: multipart read, Tika,"
                        + " chunks written, file complete)%n", run, status, seconds,
                size / (double) MB / seconds);
        System.out.printf("  CPU during the request: distribution JVM %.2f s, this driver (making, hashing and sending"
                + " the file) %.2f s%n", cpu / 1000, ownCpu / 1000);
        System.out.println("  stored file " + fileId + ": " + storedSize + " bytes; SHA-256 sent " + sent
                + ", in the database " + stored + (sent.equals(stored) ? ": match" : ": MISMATCH"));
        System.out.printf("  distribution heap: used after full GC %.1f MiB before, %.1f MiB after; highest use"
                + " sampled every 100 ms during the request %.1f MiB%n", before / (double) MB, after / (double) MB,
                peak / (double) MB);
        return ok;
    }

    private static WebDriver chromium() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,900",
                "--user-data-dir=" + Files.createTempDirectory("bench-chromium"));
        return new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().skip(1).collect(Collectors.joining("\n"));
    }

    /** The distribution's heap in use after a full collection, in bytes (jcmd GC.run, then GC.heap_info). */
    private static long usedAfterGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Thread.sleep(1_000);
        String info = jcmd(pid, "GC.heap_info");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    }

    /** The highest heap use of a JVM, from {@code jstat -gc} every 100 ms (survivors, eden and old). */
    private static final class HeapSampler {
        private final Process jstat;
        private final AtomicLong peak = new AtomicLong();
        private final Thread reader;

        private HeapSampler(long pid) throws IOException {
            jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid), "100").redirectErrorStream(true).start();
            reader = new Thread(() -> {
                try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(jstat.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    List<String> columns = null;
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        List<String> cells = List.of(line.trim().split("\\s+"));
                        if (cells.contains("EU")) {
                            columns = cells;
                            continue;
                        }
                        if (columns == null || cells.size() != columns.size()) {
                            continue;
                        }
                        double used = 0;
                        for (String c : List.of("S0U", "S1U", "EU", "OU")) {
                            used += Double.parseDouble(cells.get(columns.indexOf(c)));
                        }
                        peak.accumulateAndGet((long) (used * 1024), Math::max);
                    }
                } catch (IOException | RuntimeException e) {
                    // jstat ended
                }
            }, "jstat-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static HeapSampler start(long pid) throws IOException {
            return new HeapSampler(pid);
        }

        long stop() throws InterruptedException {
            jstat.destroy();
            jstat.waitFor();
            reader.join(5_000);
            return peak.get();
        }
    }
}
