package dev.switchboard.bench.widget;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.bench.common.Cpu;
import dev.switchboard.bench.common.Latencies;
import dev.switchboard.bench.common.Machine;
import dev.switchboard.bench.common.Results;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 10's figure: a visitor's message in the website widget until it is visible in a manager's open console, on
 * a running distribution (bench/widget-latency.sh starts it on PostgreSQL with its demo widget connection).
 * <p>
 * A headless Chromium logs in to the console as the first-run owner and opens the New tab with one chat open: the
 * chat of one visitor ("the open chat"). A {@code MutationObserver} injected into the console's page notes the
 * browser's {@code Date.now()} when a message's unique marker first enters the DOM, separately in the chat window
 * and in the chat list (the New list's item shows the chat's last message as its preview). The DOM is what push
 * changed; the paint follows within a frame.
 * <p>
 * Meanwhile a load driver plays widget visitors over the widget's own HTTP API as the script calls it, with the
 * demo page's {@code Origin}: a session, the visitor's live event stream (kept open, as a visitor's page keeps it),
 * and messages ({@code POST messages}) at a steady rate in all, open loop (a slow answer does not delay the next
 * message). Background visitors take turns; each writes a few messages and is then replaced by a new visitor, so
 * that new chats keep arriving in New. Each visitor comes from an address of its own in {@code X-Forwarded-For},
 * which the distribution is configured to trust (as behind a reverse proxy), so that the per-address limits do not
 * apply to a driver that is one address. The open chat's visitor writes at its own rate, under the per-visitor
 * limit (30 a minute). The time of a message is taken just before its POST; both clocks are this machine's.
 * <p>
 * Reported for the measured phase: POST to visible in the open chat's window, and in the list (the open chat's
 * messages; the others' first messages, which make new chats; their later messages), p50/p95/p99 and how many never
 * appeared; the POST's own latency; the distribution's CPU per message; and the database's inbound messages of the
 * widget connection against the messages answered 201.
 *
 * <p>Arguments: {@code --console=URL --email=E --password=P --key=KEY --origin=ORIGIN --db=JDBC_URL
 * [--karaf-pid=PID] [--visitors=50] [--rate=10] [--open-rate=0.45] [--per-visitor=6] [--warmup=60] [--seconds=120]
 * [--drain=20] [--result=FILE]}.
 */
public final class WidgetLatency {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Notes the first time each marker (zq + a decimal number + qz, unique per message) enters the page. */
    private static final String OBSERVER = """
            if (window.__sbTake) { return 'already'; }
            const seen = new Set();
            let fresh = [];
            const re = /zq[0-9]+qz/g;
            const record = (region, text, now) => {
              if (!text || text.indexOf('zq') < 0) { return; }
              for (const m of text.matchAll(re)) {
                const k = region + m[0];
                if (!seen.has(k)) { seen.add(k); fresh.push([region, m[0], now]); }
              }
            };
            const scan = (node, now) => {
              const text = node.textContent;
              if (!text || text.indexOf('zq') < 0) { return; }
              const e = node.nodeType === 1 ? node : node.parentElement;
              if (!e) { return; }
              if (e.closest('#chat-window')) { record('w', text, now); return; }
              if (e.closest('[id^="chat-item-"]')) { record('l', text, now); return; }
              if (node.nodeType !== 1) { return; }
              node.querySelectorAll('#chat-window, [id^="chat-item-"]').forEach(x =>
                  record(x.id === 'chat-window' ? 'w' : 'l', x.textContent, now));
            };
            new MutationObserver(mutations => {
              const now = Date.now();
              for (const m of mutations) {
                if (m.type === 'characterData') { scan(m.target, now); }
                else { m.addedNodes.forEach(n => scan(n, now)); }
              }
            }).observe(document.body, {childList: true, subtree: true, characterData: true});
            window.__sbTake = () => { const f = fresh; fresh = []; return f; };
            return 'installed';
            """;

    /** One message as sent: its marker, when its POST began (epoch ms), whose it was, in which phase. */
    private record Sent(String marker, long at, boolean open, boolean first, long visitor, boolean measured) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI api;
    private final String origin;
    private final AtomicLong markers = new AtomicLong(1_000);
    private final AtomicLong visitorNumbers = new AtomicLong();
    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final Latencies posts = new Latencies();
    private final Latencies lag = new Latencies();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong streamEvents = new AtomicLong();
    private final AtomicInteger streamsOpen = new AtomicInteger();
    private volatile boolean measuring;

    private WidgetLatency(URI console, String key, String origin) {
        this.api = console.resolve("widget/api/" + key + "/");
        this.origin = origin;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("--name=value, not " + arg);
            }
            a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        URI console = URI.create(need(a, "console"));
        String db = need(a, "db");
        long karafPid = Long.parseLong(a.getOrDefault("karaf-pid", "-1"));
        int visitors = Integer.parseInt(a.getOrDefault("visitors", "50"));
        double rate = Double.parseDouble(a.getOrDefault("rate", "10"));
        double openRate = Double.parseDouble(a.getOrDefault("open-rate", "0.45"));
        int perVisitor = Integer.parseInt(a.getOrDefault("per-visitor", "6"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "60"));
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "120"));
        int drain = Integer.parseInt(a.getOrDefault("drain", "20"));
        Path result = a.containsKey("result") ? Path.of(a.get("result")) : null;

        System.out.printf("== Website widget: a visitor's message to visible in an open console. %d visitors at"
                        + " once (1 in the open chat at %.2f/s, %d others taking turns, %d messages each), %.1f"
                        + " messages/s in all, %d s (+%d s warm-up, %d s to drain)%n", visitors, openRate,
                visitors - 1, perVisitor, rate, seconds, warmup, drain);
        System.out.println(Machine.describe(db.substring(0, db.lastIndexOf('/') + 1) + "postgres", "postgres"));

        WidgetLatency bench = new WidgetLatency(console, need(a, "key"), need(a, "origin"));
        WebDriver driver = chromium();
        try {
            Visitor open = bench.visitor();
            String marker = bench.marker();
            String opening = "Hello, I am the open chat " + marker;
            if (bench.post(open, opening, marker, false, true) != 201) {
                throw new IllegalStateException("the open chat's first message was refused");
            }
            bench.sent.clear();
            long chat = openConsole(driver, console, need(a, "email"), need(a, "password"), opening);
            System.out.println("console: New tab with chat " + chat + " open; observer "
                    + ((JavascriptExecutor) driver).executeScript(OBSERVER));

            Map<String, Long> list = new ConcurrentHashMap<>();
            Map<String, Long> window = new ConcurrentHashMap<>();
            Collector collector = new Collector(driver, list, window);
            collector.start();

            Slot[] slots = new Slot[visitors - 1];
            for (int i = 0; i < slots.length; i++) {
                slots[i] = bench.new Slot(i, perVisitor);
            }
            Load warm = bench.run(open, slots, rate, openRate, warmup);
            System.out.printf("warm-up: %d messages in %d s, answers %s%n", warm.messages(), warmup,
                    new TreeMap<>(bench.statuses));
            bench.statuses.clear();
            bench.measuring = true;
            double cpu0 = karafPid > 0 ? Cpu.millis(karafPid) : -1;
            Map<String, Double> threads0 = karafPid > 0 ? Cpu.threads(karafPid) : Map.of();
            double load0 = Results.load1();
            Load measured = bench.run(open, slots, rate, openRate, seconds);
            double cpu = karafPid > 0 ? Cpu.millis(karafPid) - cpu0 : -1;
            Map<String, Double> threads1 = karafPid > 0 ? Cpu.threads(karafPid) : Map.of();
            bench.measuring = false;
            measured.stop();
            warm.stop();
            for (Slot slot : slots) {
                slot.close();
            }
            Thread.sleep(drain * 1000L);
            collector.finish();
            double load1 = Results.load1();
            open.close();

            Report report = bench.report(list, window, collector, measured, seconds, cpu);
            if (cpu >= 0 && !report.figures.get("messages").equals(0L)) {
                System.out.println("distribution CPU per message by thread group: " + Cpu.threadsPerCall(threads0,
                        threads1, (Long) report.figures.get("messages"), cpu));
            }
            boolean consistent = bench.check(db);
            System.out.println("at the end, " + Machine.load());
            System.out.println(consistent ? "RESULT: consistent" : "RESULT: INCONSISTENT");

            Map<String, Object> figures = new LinkedHashMap<>(report.figures);
            figures.put("loadStart", load0);
            figures.put("loadEnd", load1);
            figures.put("consistent", consistent);
            Results.write(result, figures);
        } finally {
            driver.quit();
        }
    }

    private static String need(Map<String, String> a, String name) {
        String value = a.get(name);
        if (value == null) {
            throw new IllegalArgumentException("needs --" + name + "=...");
        }
        return value;
    }

    // ----------------------------------------------------------------------------------------------- the console

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

    /** Logs in, opens New and the chat whose preview shows {@code text}; returns the chat's id. */
    private static long openConsole(WebDriver driver, URI console, String email, String password, String text) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        driver.get(console.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#login-email input")));
        driver.findElement(By.cssSelector("#login-email input")).sendKeys(email);
        driver.findElement(By.cssSelector("#login-password input")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tab-new")));
        driver.get(console.resolve("inbox/new").toString());
        By item = By.xpath("//*[starts-with(@id,'chat-item-')][contains(., '" + text + "')]");
        wait.until(ExpectedConditions.elementToBeClickable(item)).click();
        WebElement window = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat-window")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//*[starts-with(@id,'message-')][contains(., '" + text + "')]")));
        return Long.parseLong(window.getAttribute("data-chat"));
    }

    /** Takes what the page's observer noted, every 500 ms, on a thread of its own (the driver is not shared). */
    private static final class Collector extends Thread {
        private final WebDriver driver;
        private final Map<String, Long> list;
        private final Map<String, Long> window;
        private volatile boolean running = true;
        private int reinstalled;

        Collector(WebDriver driver, Map<String, Long> list, Map<String, Long> window) {
            super("observer-collector");
            this.driver = driver;
            this.list = list;
            this.window = window;
        }

        @Override
        public void run() {
            while (running) {
                take();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void take() {
            Object taken = ((JavascriptExecutor) driver).executeScript(
                    "return window.__sbTake ? window.__sbTake() : null;");
            if (taken == null) {
                // the page was loaded anew (a lost push connection): what it showed meanwhile is not known
                reinstalled++;
                ((JavascriptExecutor) driver).executeScript(OBSERVER);
                return;
            }
            for (Object entry : (List<?>) taken) {
                List<?> e = (List<?>) entry;
                Map<String, Long> region = "w".equals(e.get(0)) ? window : list;
                region.putIfAbsent((String) e.get(1), ((Number) e.get(2)).longValue());
            }
        }

        void finish() throws InterruptedException {
            running = false;
            join();
            take();
        }
    }

    // ------------------------------------------------------------------------------------------------ the visitors

    /** A visitor: its token, its address, its open event stream, how many messages it wrote. */
    private final class Visitor {
        final long number;
        final String address;
        final String token;
        int written;
        private volatile Flow.Subscription stream;

        Visitor(long number, String address, String token) {
            this.number = number;
            this.address = address;
            this.token = token;
        }

        void close() {
            Flow.Subscription s = stream;
            if (s != null) {
                s.cancel();
                streamsOpen.decrementAndGet();
            }
        }
    }

    /** A new visitor: {@code POST session}, then its event stream, kept open until it leaves. */
    private Visitor visitor() throws IOException, InterruptedException {
        long n = visitorNumbers.incrementAndGet();
        String address = "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
        HttpResponse<String> session = http.send(request("session", address, null)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        count(session.statusCode());
        if (session.statusCode() != 200) {
            throw new IOException("session answered " + session.statusCode() + ": " + session.body());
        }
        Visitor v = new Visitor(n, address, JSON.readTree(session.body()).path("token").asText());
        HttpRequest events = HttpRequest.newBuilder(api.resolve("events?t=" + v.token)).header("Origin", origin)
                .header("X-Forwarded-For", address).GET().build();
        http.sendAsync(events, HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                v.stream = subscription;
                streamsOpen.incrementAndGet();
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
                if (line.startsWith("data:")) {
                    streamEvents.incrementAndGet();
                }
            }

            @Override
            public void onError(Throwable throwable) {
                // closed by the visitor leaving, or by the end of the run
            }

            @Override
            public void onComplete() {
                // the server ends a stream after 30 minutes; a run is shorter
            }
        }));
        return v;
    }

    private HttpRequest.Builder request(String endpoint, String address, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.resolve(endpoint)).timeout(Duration.ofSeconds(60))
                .header("Origin", origin).header("X-Forwarded-For", address)
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /** A marker that no text around it can extend or shorten: decimal digits between zq and qz. */
    private String marker() {
        return "zq" + markers.incrementAndGet() + "qz";
    }

    /** One message of the visitor, as the widget posts it; returns the status. */
    private int post(Visitor v, String text, String marker, boolean open, boolean first)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", UUID.randomUUID().toString());
        body.put("text", text);
        ObjectNode page = body.putObject("page");
        page.put("url", origin + "/demo/?utm_source=bench&utm_medium=load&utm_campaign=widget-latency");
        page.put("referrer", "");
        HttpRequest request = request("messages", v.address, v.token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        long at = System.currentTimeMillis();
        long t0 = System.nanoTime();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
        }
        long took = System.nanoTime() - t0;
        count(status);
        if (status == 201) {
            created.incrementAndGet();
            sent.add(new Sent(marker, at, open, first, v.number, measuring));
            if (measuring) {
                synchronized (posts) {
                    posts.record(took);
                }
            }
        }
        return status;
    }

    private void count(int status) {
        statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
    }

    /** A phase's load: its pacers and its senders. */
    private static final class Load {
        final ExecutorService senders;
        final List<Thread> pacers = new ArrayList<>();
        final AtomicLong messages = new AtomicLong();

        Load(ExecutorService senders) {
            this.senders = senders;
        }

        long messages() {
            return messages.get();
        }

        void stop() throws InterruptedException {
            for (Thread t : pacers) {
                t.interrupt();
                t.join();
            }
            senders.shutdown();
            senders.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    /**
     * A place of a background visitor: the visitor in it now, who leaves after its quota of messages for a new one.
     * The slots' first visitors leave after 1 to {@code perVisitor} messages, so that new visitors (new chats) arrive
     * evenly, not all in one round. Slots outlive the phases: the measured phase starts with the warm-up's visitors.
     */
    private final class Slot {
        private final int perVisitor;
        private Visitor visitor;
        private int quota;

        Slot(int index, int perVisitor) {
            this.perVisitor = perVisitor;
            this.quota = 1 + index % perVisitor;
        }

        synchronized void send(Load load) {
            try {
                if (visitor == null || visitor.written >= quota) {
                    if (visitor != null) {
                        visitor.close();
                        quota = perVisitor;
                    }
                    visitor = visitor();
                }
                sendAs(visitor, false, load);
            } catch (IOException e) {
                count(-2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized void close() {
            if (visitor != null) {
                visitor.close();
            }
        }
    }

    /**
     * Runs the load for {@code seconds}: the open chat's visitor at {@code openRate}, the slots round-robin at the
     * rest of {@code rate}, each message at its planned time on a sender pool (open loop). Returns once the time is
     * up and the messages under way are answered.
     */
    private Load run(Visitor open, Slot[] slots, double rate, double openRate, int seconds)
            throws InterruptedException {
        Load load = new Load(Executors.newFixedThreadPool(48));
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        pacer(load, start, end, openRate, k -> () -> {
            synchronized (open) {
                sendAs(open, true, load);
            }
        });
        pacer(load, start, end, rate - openRate, k -> () -> slots[(int) (k % slots.length)].send(load));
        long left = end - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
        for (Thread t : load.pacers) {
            t.join();
        }
        load.pacers.clear();
        load.senders.shutdown();
        load.senders.awaitTermination(60, TimeUnit.SECONDS);
        return load;
    }

    private void sendAs(Visitor v, boolean open, Load load) {
        String marker = marker();
        String text = marker + (open ? " and one more thing about my order" : " Is my tea order on its way?");
        try {
            post(v, text, marker, open, v.written == 0);
            v.written++;
            load.messages.incrementAndGet();
        } catch (IOException e) {
            count(-1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands the k-th task to the senders at start + k / rate, until {@code end}. */
    private void pacer(Load load, long start, long end, double rate, java.util.function.LongFunction<Runnable> task) {
        long interval = (long) (1e9 / rate);
        Thread t = new Thread(() -> {
            for (long k = 0; ; k++) {
                long due = start + k * interval;
                if (due >= end) {
                    return;
                }
                long wait = due - System.nanoTime();
                try {
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                long planned = due;
                Runnable r = task.apply(k);
                load.senders.execute(() -> {
                    if (measuring) {
                        synchronized (lag) {
                            lag.record(Math.max(0, System.nanoTime() - planned));
                        }
                    }
                    r.run();
                });
            }
        }, "pacer");
        t.start();
        load.pacers.add(t);
    }

    // ------------------------------------------------------------------------------------------------ the figures

    private record Report(Map<String, Object> figures) {
    }

    private Report report(Map<String, Long> list, Map<String, Long> window, Collector collector, Load measured,
                          int seconds, double cpuMs) {
        List<Sent> all;
        synchronized (sent) {
            all = sent.stream().filter(Sent::measured).toList();
        }
        Latencies openWindow = new Latencies();
        Latencies openList = new Latencies();
        Latencies newChats = new Latencies();
        Latencies later = new Latencies();
        long openMissing = 0;
        long openListMissing = 0;
        long newMissing = 0;
        long laterMissing = 0;
        long superseded = 0;
        // the latest marker seen in the list per visitor, to tell a preview another message replaced at once
        Map<Long, Long> newestSeenAt = new ConcurrentHashMap<>();
        for (Sent s : all) {
            if (!s.open() && list.containsKey(s.marker())) {
                newestSeenAt.merge(s.visitor(), s.at(), Math::max);
            }
        }
        for (Sent s : all) {
            if (s.open()) {
                Long w = window.get(s.marker());
                if (w == null) {
                    openMissing++;
                } else {
                    openWindow.record((w - s.at()) * 1_000_000L);
                }
                Long l = list.get(s.marker());
                if (l == null) {
                    openListMissing++;
                } else {
                    openList.record((l - s.at()) * 1_000_000L);
                }
                continue;
            }
            Long l = list.get(s.marker());
            Latencies into = s.first() ? newChats : later;
            if (l != null) {
                into.record((l - s.at()) * 1_000_000L);
            } else if (newestSeenAt.getOrDefault(s.visitor(), Long.MIN_VALUE) > s.at()) {
                superseded++;
            } else if (s.first()) {
                newMissing++;
            } else {
                laterMissing++;
            }
        }
        long messages = all.size();
        System.out.printf("measured: %d messages answered 201 in %d s (%.1f/s), answers by status %s;"
                        + " %d visitors' event streams open at the end, %d events received in all%n", messages,
                seconds, messages / (double) seconds, new TreeMap<>(statuses), streamsOpen.get(), streamEvents.get());
        System.out.println("POST messages, to its answer (stored, as the widget sees it): " + posts.summary());
        System.out.println("driver: a message's POST began after its planned time by " + lag.summary());
        System.out.println("POST to visible in the console (DOM, the browser's Date.now() against this driver's"
                + " clock):");
        System.out.println("  open chat, in its chat window: " + openWindow.summary() + "; never appeared "
                + openMissing);
        System.out.println("  open chat, its preview in the New list: " + openList.summary() + "; never appeared "
                + openListMissing);
        System.out.println("  new chats (a visitor's first message), in the New list: " + newChats.summary()
                + "; never appeared " + newMissing);
        System.out.println("  later messages of other chats, their preview in the New list: " + later.summary()
                + "; never appeared " + laterMissing + " (replaced in the preview by the visitor's next message"
                + " before it showed: " + superseded + ")");
        // by 30 s of the measured phase: a steady delay, or a backlog that grows while the load lasts
        long begin = all.stream().mapToLong(Sent::at).min().orElse(0);
        Map<Long, Latencies> windows = new TreeMap<>();
        for (Sent s : all) {
            Long l = list.get(s.marker());
            if (l != null) {
                windows.computeIfAbsent((s.at() - begin) / 30_000, k -> new Latencies())
                        .record((l - s.at()) * 1_000_000L);
            }
        }
        StringBuilder byTime = new StringBuilder("  in the New list by 30 s of the run (p50 / max ms):");
        windows.forEach((k, l) -> byTime.append(String.format(" %d-%d s %.0f / %.0f;", k * 30, k * 30 + 30,
                l.millis(0.5), l.maxMillis())));
        System.out.println(byTime);
        if (collector.reinstalled > 0) {
            System.out.println("  the console's page was loaded anew " + collector.reinstalled + " times during the"
                    + " run; markers shown while it reloaded are missing");
        }
        if (cpuMs >= 0) {
            System.out.printf("distribution CPU: %.2f ms per message (%.1f s in %d s)%n", cpuMs / messages,
                    cpuMs / 1000, seconds);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("messages", messages);
        put(f, "window", openWindow, openMissing);
        put(f, "openList", openList, openListMissing);
        put(f, "newChats", newChats, newMissing);
        put(f, "later", later, laterMissing);
        f.put("superseded", superseded);
        f.put("postP50", String.format("%.1f", posts.millis(0.50)));
        f.put("postP95", String.format("%.1f", posts.millis(0.95)));
        f.put("cpuPerMessage", cpuMs >= 0 ? String.format("%.2f", cpuMs / messages) : "?");
        return new Report(f);
    }

    private static void put(Map<String, Object> f, String name, Latencies l, long missing) {
        f.put(name + ".n", l.count());
        f.put(name + ".p50", String.format("%.0f", l.millis(0.50)));
        f.put(name + ".p95", String.format("%.0f", l.millis(0.95)));
        f.put(name + ".p99", String.format("%.0f", l.millis(0.99)));
        f.put(name + ".missing", missing);
    }

    /** The widget connection's inbound messages in the database against the messages answered 201. */
    private boolean check(String db) throws SQLException {
        long stored;
        long chats;
        try (Connection c = DriverManager.getConnection(db, "postgres", null);
             PreparedStatement q = c.prepareStatement("select count(*), count(distinct m.chat_id) from message m"
                     + " join chat c on c.id = m.chat_id join channel_connection cc on cc.id = c.connection_id"
                     + " where cc.type = 'widget' and m.kind = 'INBOUND'");
             ResultSet r = q.executeQuery()) {
            r.next();
            stored = r.getLong(1);
            chats = r.getLong(2);
        }
        // the open chat's first message was answered 201 before the count started
        long answered = created.get();
        System.out.println("database: " + stored + " inbound widget messages in " + chats + " chats; answered 201: "
                + answered + "; visitors " + visitorNumbers.get());
        return stored == answered && chats == visitorNumbers.get();
    }
}
