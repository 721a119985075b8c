package dev.switchboard.itest;

import static dev.switchboard.itest.ConsoleSteps.COMPOSER;
import static dev.switchboard.itest.ConsoleSteps.awaitMessage;
import static dev.switchboard.itest.ConsoleSteps.firstNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The website widget (issue 10) as a visitor and a manager use it, against the distribution started as an operator
 * starts it, on PostgreSQL, with the demo switched on as it ships: the demo project's widget connection and the
 * demo page at {@code /demo/}. A visitor writes in the widget on the demo page in one headless Chromium while a
 * manager works in the console in another (INB-1, MSG-1, INP-2, CARD-8); a returning visitor continues the same
 * chat; forged and foreign tokens, a page of another site and an executable upload are refused (INP-3); and the
 * feature is uninstalled and installed again under a connected visitor, who loses nothing.
 */
public class WidgetIT {

    static final String DB = "switchboard_itest_widget";
    private static final String FEATURE = "switchboard-channel-widget";
    private static final String MANAGER_EMAIL = "vitaly@switchboard.local";
    private static final String MANAGER_NAME = "Vitaly";
    private static final String DISALLOWED = "https://shop.evil.example";
    private static final Pattern DATA_KEY = Pattern.compile("data-key=\"([A-Za-z0-9_-]+)\"");

    private static KarafProcess karaf;
    private static Path screenshots;
    private static Path files;
    /** The demo connection's key and id, and the demo page's own origin (an allowed one). */
    private static String key;
    private static long connection;
    private static String origin;
    private static long project;
    private static long owner;

    @BeforeClass
    public static void startDistribution() throws Exception {
        Path work = Path.of(System.getProperty("switchboard.work"));
        screenshots = work.resolve("screenshots");
        files = Files.createDirectories(work.resolve("widget-files"));
        Postgres.recreate(DB);
        karaf = KarafProcess.unpack(work.resolve("karaf-widget"), Map.of(
                "dev.switchboard.team.cfg", Map.of("firstRun.ownerPassword", ExamOptions.OWNER_PASSWORD),
                "dev.switchboard.store.cfg", Map.of("db.kind", "postgresql", "postgresql.url", Postgres.url(DB),
                        "postgresql.user", "postgres"))).start();
        origin = karaf.consoleUri().toString().replaceAll("/$", "");
        // the demo connection is made as the widget's bundle starts, which may be a moment after the console
        String page = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> karaf.httpGet("demo/"), r -> r.statusCode() == 200).body();
        Matcher m = DATA_KEY.matcher(page);
        assertThat(m.find()).as(page).isTrue();
        key = m.group(1);
        connection = single("select id from channel_connection where type = 'widget' and name = 'Website (demo)'");
        project = firstNumber(karaf.shell("switchboard:project-list"), "^\\s*(\\d+)\\s*\\|");
        owner = firstNumber(karaf.shell("switchboard:member-list " + project),
                "^\\s*(\\d+)\\s*\\|\\s*" + Pattern.quote(ExamOptions.OWNER_EMAIL));
        firstNumber(karaf.shell("switchboard:member-add --role MANAGER " + project + " " + MANAGER_EMAIL + " "
                + MANAGER_NAME), "Added member (\\d+)");
        karaf.shell("switchboard:password-reset --password " + ConsoleSteps.PASSWORD + " " + MANAGER_EMAIL);
    }

    @AfterClass
    public static void stopDistribution() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
        Postgres.drop(DB);
    }

    @Test
    public void INB1_MSG1_CARD8_aVisitorWritesOnTheDemoPage_aManagerSeesItLiveTakesItAndAnswersWithTextAndAnImage()
            throws Exception {
        String marker = marker();
        // markup a visitor types stays text, in the widget and in the console
        String question = "Do you ship to Perm? <b>today</b> " + marker;
        String answer = "Yes, in two days " + marker;
        String caption = "Here is your parcel " + marker;
        Path photo = png("parcel-" + marker + ".png");
        try (Browser manager = manager(); Browser visitor = new Browser()) {
            manager.driver.get(console("inbox/new"));
            manager.await(By.id("tab-new"));
            WidgetPage widget = WidgetPage.open(visitor,
                    demo("?utm_source=newsletter&utm_medium=email&utm_campaign=winter"), key).openChat();
            widget.write(question);
            assertThat(widget.awaitStored(question).getText()).contains(question);

            // the chat arrives in the manager's open New list by push, with the question as its preview
            By item = By.xpath("//*[starts-with(@id,'chat-item-')][contains(., '" + marker + "')]");
            manager.await(item);
            manager.clickRedrawn(item);
            manager.await(By.id("chat-window"));
            awaitMessage(manager, "inbound", question);
            manager.click(By.id("action-take"));
            manager.await(By.id("composer-mode-message"));
            manager.act(COMPOSER, input -> input.sendKeys(answer, Keys.ENTER));
            awaitMessage(manager, "outbound", answer);

            // an image through the composer's image upload, as the file dialog hands it over
            consoleUpload(manager, photo);
            manager.await(By.xpath("//*[starts-with(@id,'composer-attachment-')][@data-state='ready']"));
            manager.act(COMPOSER, input -> input.sendKeys(caption, Keys.ENTER));
            awaitMessage(manager, "outbound", caption);

            // the visitor sees both, live, with the manager's name; the image is shown, loaded from its link
            WebElement shown = widget.awaitTeam(answer);
            assertThat(shown.findElement(By.cssSelector("[data-sb=author]")).getText()).isEqualTo(MANAGER_NAME);
            widget.awaitTeam(caption);
            WebElement image = widget.awaitTeamImage();
            assertThat(image.getAttribute("alt")).isEqualTo(photo.getFileName().toString());
            visitor.screenshot(screenshots, "widget-visitor-answered");

            // where the visitor came from, on the card beside the chat
            manager.awaitText(By.id("card-sources-visits"), "campaign: winter");
            assertThat(manager.textOf(By.id("card-sources-visits")))
                    .contains("source: newsletter", "medium: email", "campaign: winter", origin + "/demo/");
            manager.screenshot(screenshots, "widget-manager-card-utm");
        }
    }

    @Test
    public void WIDGET_aReturningVisitorLandsInTheSameChat_withItsHistory() throws Exception {
        String marker = marker();
        String first = "Is the Darjeeling in stock? " + marker;
        String again = "And the Sencha? " + marker;
        try (Browser browser = new Browser()) {
            WidgetPage widget = WidgetPage.open(browser, demo(""), key).openChat();
            widget.write(first);
            widget.awaitStored(first);
            String visitor = widget.visitor();

            browser.driver.navigate().refresh();
            widget = WidgetPage.on(browser, key).openChat();
            widget.awaitStored(first);
            widget.write(again);
            widget.awaitStored(again);
            assertThat(widget.visitor()).isEqualTo(visitor);
            assertThat(widget.messages("client", first)).hasSize(1);
            browser.screenshot(screenshots, "widget-returning-visitor");

            assertThat(chatsOf(visitor)).as("chats of " + visitor).hasSize(1);
            long chat = chatsOf(visitor).get(0);
            assertThat(texts(chat, "INBOUND")).containsExactly(first, again);
            try (Browser manager = manager()) {
                manager.driver.get(console("inbox/new"));
                manager.awaitText(By.id("chat-item-" + chat), again);
                assertThat(manager.driver.findElements(By.xpath("//*[starts-with(@id,'chat-item-')][contains(., '"
                        + marker + "')]"))).hasSize(1);
                manager.clickRedrawn(By.id("chat-item-" + chat));
                awaitMessage(manager, "inbound", first);
                awaitMessage(manager, "inbound", again);
            }
        }
    }

    @Test
    public void WIDGET_aForgedToken_anotherVisitorsReworkedToken_andATokenOfAnotherConnectionAreRefused_401()
            throws Exception {
        String anna = session(key, Optional.empty());
        String boris = session(key, Optional.empty());
        String secret = "My order number is " + marker();
        assertThat(post(key, "messages", anna, "{\"id\":\"" + UUID.randomUUID() + "\",\"text\":\"" + secret + "\"}")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> own = get(key, "messages", anna);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains(secret);
        HttpResponse<String> others = get(key, "messages", boris);
        assertThat(others.statusCode()).isEqualTo(200);
        assertThat(others.body()).doesNotContain(secret);

        // made up; Boris's token claiming Anna; Anna's token claiming another connection, and as it is
        String forged = payload("{\"c\":" + connection + ",\"u\":\"" + user(anna) + "\",\"g\":1,\"t\":"
                + System.currentTimeMillis() / 1000 + "}") + "." + signatureOf(boris);
        String claimingAnna = with(boris, "\"u\":\"" + user(boris) + "\"", "\"u\":\"" + user(anna) + "\"");
        String created = karaf.shell("switchboard:connection-create " + project + " " + owner
                + " widget \"Other shop " + marker() + "\" origins=" + origin);
        Matcher hook = Pattern.compile("webhook: \\S+/hooks/widget/([A-Za-z0-9_-]+)").matcher(created);
        assertThat(hook.find()).as(created).isTrue();
        String otherKey = hook.group(1);
        long other = firstNumber(created, "Created connection (\\d+)");
        String annaElsewhere = with(anna, "\"c\":" + connection, "\"c\":" + other);

        for (String token : List.of(forged, claimingAnna, "garbage", anna + "x")) {
            HttpResponse<String> refused = get(key, "messages", token);
            assertThat(refused.statusCode()).as(token).isEqualTo(401);
            assertThat(refused.body()).contains("\"error\":\"token\"").doesNotContain(secret);
        }
        for (String token : List.of(anna, annaElsewhere)) {
            HttpResponse<String> refused = get(otherKey, "messages", token);
            assertThat(refused.statusCode()).as("on the other connection: " + token).isEqualTo(401);
            assertThat(refused.body()).doesNotContain(secret);
        }
        // a session asked with a token that is not genuine is refused too, instead of naming its visitor
        assertThat(post(key, "session", null, "{\"token\":\"" + claimingAnna + "\"}").statusCode()).isEqualTo(401);
        assertThat(get(key, "messages", anna).body()).contains(secret);
    }

    @Test
    public void WIDGET_aRequestFromADisallowedOriginIsRefused_403() throws Exception {
        HttpResponse<String> config = call("GET", key, "config", Optional.of(DISALLOWED), null, null);
        assertThat(config.statusCode()).isEqualTo(403);
        assertThat(config.body()).contains("\"error\":\"origin\"");
        assertThat(config.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(call("POST", key, "session", Optional.of(DISALLOWED), null, "{}").statusCode()).isEqualTo(403);
        assertThat(call("OPTIONS", key, "messages", Optional.of(DISALLOWED), null, null).statusCode())
                .isEqualTo(403);
        // a script of a server, with no Origin at all
        assertThat(call("GET", key, "config", Optional.empty(), null, null).statusCode()).isEqualTo(403);

        HttpResponse<String> allowed = call("GET", key, "config", Optional.of(origin), null, null);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
        assertThat(call("OPTIONS", key, "messages", Optional.of(origin), null, null).statusCode()).isEqualTo(204);
    }

    @Test
    public void INP3_anExecutableUploadIsRefused_andTheWidgetSaysWhy() throws Exception {
        Path elf = files.resolve("invoice-" + marker() + ".jpg");
        byte[] program = new byte[4096];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, 0, program, 0, 8);
        Files.write(elf, program);
        try (Browser browser = new Browser()) {
            WidgetPage widget = WidgetPage.open(browser, demo(""), key).openChat();
            widget.attach(elf);
            String error = widget.await(widget::error);
            assertThat(error).isEqualTo("Programs and scripts cannot be sent.");
            assertThat(widget.uploads()).isEmpty();
            browser.screenshot(screenshots, "widget-executable-refused");
        }

        // a Windows program named as a photo, posted as the widget posts files
        String token = session(key, Optional.empty());
        byte[] windows = new byte[2048];
        windows[0] = 'M';
        windows[1] = 'Z';
        HttpResponse<String> refused = http().send(HttpRequest.newBuilder(api(key, "files"))
                .timeout(Duration.ofSeconds(30)).header("Origin", origin).header("Authorization", "Bearer " + token)
                .header("X-File-Name", "holiday.jpg").header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(windows)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"error\":\"file.executable\"", "Programs and scripts cannot be sent.");
    }

    @Test
    public void WIDGET_uninstallingTheFeatureUnderAConnectedVisitor_losesNothing_andReinstallingResumes()
            throws Exception {
        String marker = marker();
        String before = "Can I change my order? " + marker;
        String meanwhile = "I would like green tea instead " + marker;
        String answer = "Of course, which one? " + marker;
        try (Browser manager = manager(); Browser browser = new Browser()) {
            WidgetPage widget = WidgetPage.open(browser, demo(""), key).openChat();
            widget.write(before);
            widget.awaitStored(before);
            long chat = chatsOf(widget.visitor()).get(0);
            manager.driver.get(console("inbox/new"));
            manager.clickRedrawn(By.id("chat-item-" + chat));
            manager.click(By.id("action-take"));
            manager.await(By.id("composer-mode-message"));

            karaf.shell("feature:uninstall " + FEATURE);
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> !widgetAnswers());
                // the open widget notices by itself and says so
                String status = widget.await(Duration.ofSeconds(60), widget::status);
                assertThat(status).contains("not available");
                widget.write(meanwhile);
                WebElement waiting = widget.await(() -> widget.messages("client", meanwhile).stream().findFirst());
                assertThat(waiting.getAttribute("data-state")).isEqualTo("waiting");
                browser.screenshot(screenshots, "widget-unavailable");

                // the manager answers meanwhile: the message waits in the outbox, nothing can take it
                manager.act(COMPOSER, input -> input.sendKeys(answer, Keys.ENTER));
                awaitMessage(manager, "outbound", answer);
                long reply = await().atMost(Duration.ofSeconds(30)).until(() -> messageId(chat, answer),
                        Optional::isPresent).orElseThrow();
                Thread.sleep(3_000);
                assertThat(delivery(reply)).isEqualTo("QUEUED");
                assertThat(count("select count(*) from outbox where message_id = " + reply)).isEqualTo(1);
                assertThat(texts(chat, "INBOUND")).containsExactly(before);
                assertThat(widget.messages("client", meanwhile)).hasSize(1);
            } finally {
                karaf.shell("feature:install " + FEATURE);
            }
            await().atMost(Duration.ofSeconds(60)).until(WidgetIT::widgetAnswers);

            // the widget comes back by itself: what the visitor typed is sent once, the waiting answer arrives once
            widget.await(Duration.ofSeconds(120), () -> widget.status().isEmpty() ? Optional.of(true)
                    : Optional.empty());
            widget.await(Duration.ofSeconds(60), () -> widget.messages("client", meanwhile).stream()
                    .filter(e -> e.getAttribute("data-id") != null).findFirst());
            widget.await(Duration.ofSeconds(60), () -> widget.messages("team", answer).stream().findFirst());
            browser.screenshot(screenshots, "widget-resumed");
            awaitMessage(manager, "inbound", meanwhile);
            // sent, and read by now too: the visitor has the chat open
            await().atMost(Duration.ofSeconds(30)).until(() -> delivery(messageId(chat, answer).orElseThrow()),
                    List.of("SENT", "DELIVERED", "READ")::contains);
            Thread.sleep(2_000);
            assertThat(texts(chat, "INBOUND")).containsExactly(before, meanwhile);
            assertThat(texts(chat, "OUTBOUND")).containsExactly(answer);
            assertThat(widget.messages("client", before)).hasSize(1);
            assertThat(widget.messages("client", meanwhile)).hasSize(1);
            assertThat(widget.messages("team", answer)).hasSize(1);
            assertThat(chatsOf(widget.visitor())).containsExactly(chat);
        }
    }

    @Test
    public void karafLoggedNoErrors() throws Exception {
        assertThat(KarafLog.errors(karaf.log())).isEmpty();
    }

    // ----- the console

    private static Browser manager() throws IOException {
        Browser browser = new Browser();
        browser.driver.get(karaf.consoleUri().toString());
        browser.logIn(MANAGER_EMAIL, ConsoleSteps.PASSWORD);
        browser.await(By.id("tab-new"));
        return browser;
    }

    private static String console(String path) {
        return karaf.consoleUri().resolve(path).toString();
    }

    private static String demo(String query) {
        return origin + "/demo/" + query;
    }

    /** Hands a file to the composer's image upload element, as its file dialog would. */
    private static void consoleUpload(Browser browser, Path file) {
        WebElement input = new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> (WebElement)
                ((JavascriptExecutor) d).executeScript("const up = document.getElementById('composer-upload-images');"
                        + " if (!up) { return null; }"
                        + " return (up.shadowRoot && up.shadowRoot.querySelector('input[type=file]'))"
                        + " || up.querySelector('input[type=file]');"));
        input.sendKeys(file.toAbsolutePath().toString());
    }

    // ----- the widget's API over plain HTTP, as a page or a script elsewhere calls it

    private static URI api(String connectionKey, String endpoint) {
        return karaf.consoleUri().resolve("widget/api/" + connectionKey + "/" + endpoint);
    }

    private static HttpResponse<String> call(String method, String connectionKey, String endpoint,
                                             Optional<String> from, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(connectionKey, endpoint))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        from.ifPresent(o -> request.header("Origin", o));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (method.equals("OPTIONS")) {
            request.header("Access-Control-Request-Method", "POST");
        }
        return http().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * A client of its own for each call: a connection kept from a call half a minute earlier may have been closed
     * by the server's idle timeout, and the JDK client retries only a GET on such a connection.
     */
    private static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> get(String connectionKey, String endpoint, String token) throws Exception {
        return call("GET", connectionKey, endpoint, Optional.of(origin), token, null);
    }

    private static HttpResponse<String> post(String connectionKey, String endpoint, String token, String body)
            throws Exception {
        return call("POST", connectionKey, endpoint, Optional.of(origin), token, body);
    }

    /** A new visitor's token (or the visitor of {@code token}'s). */
    private static String session(String connectionKey, Optional<String> token) throws Exception {
        HttpResponse<String> answer = post(connectionKey, "session", null,
                token.map(t -> "{\"token\":\"" + t + "\"}").orElse("{}"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
        assertThat(m.find()).as(answer.body()).isTrue();
        return m.group(1);
    }

    /** Whether the widget's API of the demo connection answers as itself (not the console's pages). */
    private static boolean widgetAnswers() throws IOException, InterruptedException {
        HttpResponse<String> config = call("GET", key, "config", Optional.of(origin), null, null);
        return config.statusCode() == 200 && config.body().contains("\"maxText\"");
    }

    private static String payloadJson(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    }

    private static String payload(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String signatureOf(String token) {
        return token.split("\\.")[1];
    }

    private static String user(String token) {
        Matcher m = Pattern.compile("\"u\"\\s*:\\s*\"([^\"]+)\"").matcher(payloadJson(token));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The token with a part of its payload replaced, its signature kept. */
    private static String with(String token, String part, String replacement) {
        String json = payloadJson(token);
        assertThat(json).contains(part);
        return payload(json.replace(part, replacement)) + "." + signatureOf(token);
    }

    // ----- the database

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(Postgres.url(DB), "postgres", "");
    }

    private static long single(String sql) throws SQLException {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            assertThat(r.next()).as(sql).isTrue();
            long value = r.getLong(1);
            assertThat(r.next()).as("one row: " + sql).isFalse();
            return value;
        }
    }

    private static long count(String sql) throws SQLException {
        return single(sql);
    }

    private static List<Long> chatsOf(String visitor) throws SQLException {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "select id from chat where connection_id = ? and external_user_id = ? order by id")) {
            s.setLong(1, connection);
            s.setString(2, visitor);
            List<Long> chats = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    chats.add(r.getLong(1));
                }
            }
            return chats;
        }
    }

    /** The texts of the chat's messages of a kind, oldest first. */
    private static List<String> texts(long chat, String kind) throws SQLException {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "select text from message where chat_id = ? and kind = ? order by created_at, id")) {
            s.setLong(1, chat);
            s.setString(2, kind);
            List<String> texts = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    texts.add(r.getString(1));
                }
            }
            return texts;
        }
    }

    private static Optional<Long> messageId(long chat, String text) throws SQLException {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "select id from message where chat_id = ? and text = ?")) {
            s.setLong(1, chat);
            s.setString(2, text);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    private static String delivery(long message) throws SQLException {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "select delivery from message where id = ?")) {
            s.setLong(1, message);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    // ----- data

    private static String marker() {
        return "w" + Long.toString(System.nanoTime() % 1_000_000_000_000L, 36);
    }

    /** A small PNG photo, drawn here. */
    private static Path png(String name) throws IOException {
        BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x2e7d32));
        g.fillRect(0, 0, 120, 80);
        g.setColor(Color.WHITE);
        g.fillOval(30, 15, 60, 50);
        g.dispose();
        Path file = files.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
