package dev.switchboard.itest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.itest.kit.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console's security and its survival of reconfiguration (issue 12), in headless Chromium against the
 * distribution started as an operator starts it, behind a "reverse proxy" on the same machine: the console trusts
 * 127.0.0.1 ({@code trusted.proxies}), and a browser that should look like a client elsewhere sends the
 * {@code X-Forwarded-For} such a proxy would add.
 *
 * <ul>
 *   <li>the store reconfigured and a core bundle refreshed under an open console: the console serves again, no
 *       restart;</li>
 *   <li>the session id changes at login; a password reset in the shell, and rights taken away, send an open console
 *       to the login page;</li>
 *   <li>one attacker failing logins from their address is throttled there and locks nobody else out;</li>
 *   <li>every console response carries the security headers and a hardened session cookie, the widget's and the
 *       platforms' contexts do not get the console's frame ban, and the console works under its
 *       Content-Security-Policy.</li>
 * </ul>
 */
public class ConsoleSecurityIT {

    private static final String MANAGER_PASSWORD = "itest-manager-password";

    private static KarafProcess karaf;
    private static long project;
    private static int managers;

    @BeforeClass
    public static void startDistribution() throws Exception {
        Path home = Path.of(System.getProperty("switchboard.work"), "karaf-console-security");
        karaf = KarafProcess.unpack(home, Map.of(
                "dev.switchboard.team.cfg", Map.of("firstRun.ownerPassword", ExamOptions.OWNER_PASSWORD,
                        // a small allowance per address, so that an attacker is stopped after a few guesses
                        "login.addressFreeFailures", "2"),
                "dev.switchboard.console.cfg", Map.of("trusted.proxies", "127.0.0.1, ::1"))).start();
        project = ConsoleSteps.firstNumber(karaf.shell("switchboard:project-list"), "^\\s*(\\d+)\\s*\\|");
    }

    @AfterClass
    public static void stopDistribution() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    /** Issue 12, part 2: the console answered 404 until a restart after the store's configuration changed. */
    @Test
    public void PLAT2_theConsoleServesAgainAfterTheStoreIsReconfiguredAndACoreBundleRefreshedUnderAnOpenConsole()
            throws Exception {
        try (Browser browser = loggedInOwner()) {
            Path folder = Path.of(System.getProperty("switchboard.work"), "karaf-console-security-h2");
            deleteFolder(folder);
            karaf.put("dev.switchboard.store.cfg", Map.of("h2.file", folder.resolve("switchboard").toString()));
            // the store, every core service and the console's servlet start again, on a new, empty database: the
            // old console is gone by the time the new database's file exists
            Await.until(Duration.ofSeconds(120), () -> Files.exists(folder.resolve("switchboard.mv.db")),
                    made -> made);
            awaitConsoleAnswers();
            browser.driver.navigate().refresh();
            // the session of the console before is let go: its login belonged to the other database
            browser.await(By.id("login-submit"));
            browser.logIn(ExamOptions.OWNER_EMAIL, ExamOptions.OWNER_PASSWORD);
            browser.await(By.id("tab-new"));

            String team = karaf.shell("bundle:list -s | grep dev.switchboard.team");
            Matcher id = Pattern.compile("^\\s*(\\d+)\\s*\\|", Pattern.MULTILINE).matcher(team);
            assertThat(id.find()).as(team).isTrue();
            karaf.shell("bundle:refresh " + id.group(1));
            awaitConsoleAnswers();
            Await.until(Duration.ofSeconds(60), () -> {
                browser.driver.navigate().refresh();
                return browser.attribute(By.cssSelector("#login-submit, #tab-new"), "id");
            }, shown -> shown.equals("login-submit"));
            browser.logIn(ExamOptions.OWNER_EMAIL, ExamOptions.OWNER_PASSWORD);
            browser.await(By.id("tab-new"));
        }
        assertThat(KarafLog.errors(karaf.log())).noneMatch(e -> e.contains("has been already set once"))
                .noneMatch(e -> e.contains("ConsoleServlet") || e.contains("VaadinConsole"));
    }

    /** Session fixation (issue 12, part 4): the id a browser had before logging in is worth nothing after. */
    @Test
    public void PLAT2_theSessionIdIsRenewedAtLogin() throws Exception {
        try (Browser browser = new Browser()) {
            browser.driver.get(karaf.consoleUri().toString());
            browser.await(By.id("login-submit"));
            Cookie before = browser.driver.manage().getCookieNamed("JSESSIONID");
            assertThat(before).as("a session before the login").isNotNull();

            browser.logIn(ExamOptions.OWNER_EMAIL, ExamOptions.OWNER_PASSWORD);
            browser.await(By.id("tab-new"));

            Cookie after = browser.driver.manage().getCookieNamed("JSESSIONID");
            assertThat(after.getValue()).isNotEqualTo(before.getValue());
            assertThat(after.isHttpOnly()).isTrue();
            assertThat(after.getSameSite()).isEqualTo("Lax");
            // the page goes on in the renewed session: it still answers
            browser.click(By.id("tab-search"));
            browser.await(By.id("search-query"));
        }
    }

    /** Issue 12, part 4: an open console of a member whose password an operator reset goes to the login page. */
    @Test
    public void PLAT2_aPasswordResetInTheShellSendsAnOpenConsoleToTheLoginPage() throws Exception {
        String email = addManager("Reset");
        try (Browser browser = new Browser()) {
            // its failed login below must not count against the address the other tests log in from
            forwardedFor(browser, "198.51.100.77");
            logIn(browser, email, MANAGER_PASSWORD);
            karaf.shell("switchboard:password-reset --password a-brand-new-password " + email);
            browser.await(By.id("login-ended"));
            browser.await(By.id("login-submit"));
            assertThat(browser.driver.getCurrentUrl()).contains("/login");

            // the old password is gone, the new one works
            browser.logIn(email, MANAGER_PASSWORD);
            browser.await(By.id("login-error"));
            browser.logIn(email, "a-brand-new-password");
            browser.await(By.id("tab-new"));
        }
    }

    /** Issue 12, part 4 (TEAM-7): a member who may no longer see New is not left looking at it. */
    @Test
    public void TEAM7_rightsTakenAwaySendAnOpenConsoleToTheLoginPage() throws Exception {
        String email = addManager("Rights");
        long member = memberId(email);
        try (Browser browser = new Browser()) {
            logIn(browser, email, MANAGER_PASSWORD);
            karaf.shell("switchboard:rights-set --new=false " + member);
            browser.await(By.id("login-ended"));
            browser.logIn(email, MANAGER_PASSWORD);
            browser.await(By.id("tab-mine"));
        }
    }

    /**
     * Issue 12, part 4: behind a proxy every login used to come from the proxy's address, so one attacker's failures
     * locked every member out. Now the attacker's own address is throttled, and only it.
     */
    @Test
    public void PLAT2_anAttackerIsThrottledAtTheirForwardedAddressAndLocksNobodyElseOut() throws Exception {
        String member = addManager("Innocent");
        try (Browser attacker = new Browser(); Browser innocent = new Browser()) {
            forwardedFor(attacker, "203.0.113.66");
            forwardedFor(innocent, "198.51.100.23");
            attacker.driver.get(karaf.consoleUri().toString());
            String refused = null;
            // wrong passwords for accounts that do not exist, until the address is refused outright
            for (int i = 0; i < 12 && refused == null; i++) {
                attacker.logIn("guess" + i + "@nowhere.example", "not-a-password");
                String error = attacker.textOf(By.id("login-error"));
                refused = error.startsWith("Too many failed attempts") ? error : null;
            }
            assertThat(refused).as("the attacker's address is throttled").isNotNull();
            // the throttle heard of the client's address, not of the proxy's (127.0.0.1)
            assertThat(Files.readString(karaf.log())).contains("Failed console login from 203.0.113.66");

            // a member elsewhere, and the owner on the proxy's own machine, log in at once
            logIn(innocent, member, MANAGER_PASSWORD);
            try (Browser owner = new Browser()) {
                logIn(owner, ExamOptions.OWNER_EMAIL, ExamOptions.OWNER_PASSWORD);
            }
        }
    }

    /** Issue 12, part 5: the headers of the console's own responses, and of no other context. */
    @Test
    public void PLAT2_everyConsoleResponseCarriesTheSecurityHeadersAndAHardenedCookie() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> page = get(http, "/", Map.of());
        String script = find(page.body(), "VAADIN/build/[^\"]+\\.js").orElseThrow();
        for (String path : List.of("/", "/login", "/" + script, "/files/1", "/no-such-page")) {
            HttpResponse<String> response = get(http, path, Map.of());
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).contains("same-origin");
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(
                    csp -> assertThat(csp).contains("frame-ancestors 'none'").contains("default-src 'self'")
                            .contains("object-src 'none'"));
        }
        assertThat(page.headers().allValues("Set-Cookie")).singleElement().satisfies(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure"));
        // TLS ended at the trusted proxy: the cookie goes over TLS only
        assertThat(get(http, "/", Map.of("X-Forwarded-Proto", "https")).headers().allValues("Set-Cookie"))
                .singleElement().satisfies(cookie -> assertThat(cookie).contains("; Secure"));

        // the website widget runs inside customers' pages: its contexts, and the platforms', are not the console's
        for (String path : List.of("/widget/widget.js", "/demo/", "/hooks/test/none", "/media/none")) {
            HttpResponse<String> response = get(http, path, Map.of());
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).isEmpty();
            assertThat(response.headers().firstValue("Content-Security-Policy").orElse("")).as(path)
                    .doesNotContain("frame-ancestors");
        }
    }

    /**
     * Issue 12, part 5: Vaadin's precompiled bundle works under the console's policy. Every violation the browser
     * reports ({@code securitypolicyviolation}, listened for before any of the page's scripts run) is collected
     * while an owner logs in and opens the inbox, search, a card-less search, the settings and their dialogs.
     */
    @Test
    public void PLAT2_theConsoleWorksUnderItsContentSecurityPolicy() throws Exception {
        try (Browser browser = new Browser()) {
            ChromeDriver chrome = (ChromeDriver) browser.driver;
            chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                    "window.__csp = []; document.addEventListener('securitypolicyviolation', "
                            + "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"));
            logIn(browser, ExamOptions.OWNER_EMAIL, ExamOptions.OWNER_PASSWORD);
            assertThat(violations(browser)).isEmpty();
            for (String tab : List.of("tab-mine", "tab-others", "tab-done", "tab-search", "tab-new")) {
                browser.click(By.id(tab));
                assertThat(violations(browser)).as(tab).isEmpty();
            }
            browser.driver.get(karaf.consoleUri().resolve("settings/tags").toString());
            browser.await(By.id("settings-nav-channels"));
            browser.click(By.id("settings-nav-channels"));
            browser.click(By.id("settings-nav-funnel"));
            browser.click(By.id("language-switcher"));
            assertThat(violations(browser)).isEmpty();
        }
    }

    private static List<?> violations(Browser browser) throws InterruptedException {
        Thread.sleep(500);
        return (List<?>) ((JavascriptExecutor) browser.driver).executeScript("return window.__csp || [];");
    }

    /** Every request of this browser as a reverse proxy would forward it for a client at {@code address}. */
    private static void forwardedFor(Browser browser, String address) {
        ChromeDriver chrome = (ChromeDriver) browser.driver;
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers",
                Map.of("X-Forwarded-For", address)));
    }

    private static Browser loggedInOwner() throws Exception {
        Browser browser = new Browser();
        logIn(browser, ExamOptions.OWNER_EMAIL, ExamOptions.OWNER_PASSWORD);
        return browser;
    }

    private static void logIn(Browser browser, String email, String password) {
        browser.driver.get(karaf.consoleUri().toString());
        browser.logIn(email, password);
        browser.await(By.id("tab-new"));
    }

    /** A manager of the first-run project with {@link #MANAGER_PASSWORD}; returns the e-mail. */
    private static String addManager(String name) throws Exception {
        String email = name.toLowerCase() + (++managers) + "@security.example";
        karaf.shell("switchboard:member-add --role MANAGER " + project + " " + email + " " + name);
        karaf.shell("switchboard:password-reset --password " + MANAGER_PASSWORD + " " + email);
        return email;
    }

    private static long memberId(String email) throws Exception {
        return ConsoleSteps.firstNumber(karaf.shell("switchboard:member-list " + project),
                "^\\s*(\\d+)\\s*\\|\\s*" + Pattern.quote(email));
    }

    private static void deleteFolder(Path folder) throws Exception {
        if (Files.exists(folder)) {
            try (var files = Files.walk(folder)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void awaitConsoleAnswers() throws Exception {
        Await.until(Duration.ofSeconds(120), () -> karaf.httpGet("/").statusCode(), status -> status == 200);
    }

    private static HttpResponse<String> get(HttpClient http, String path, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(karaf.consoleUri().toString())
                .resolve(path.substring(1))).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<String> find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
    }
}
