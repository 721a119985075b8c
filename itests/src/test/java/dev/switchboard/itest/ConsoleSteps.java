package dev.switchboard.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The steps the console's browser tests share against a distribution started by {@link KarafProcess} with the
 * test channel installed: the set-up an operator does in the shell, clients writing in through the channel's
 * webhook, members logging in to the console in their own browser, and the chat window read as a manager reads it.
 */
final class ConsoleSteps {

    /** The password every manager added by {@link #addManager} logs in with. */
    static final String PASSWORD = "itest-manager-password";

    final KarafProcess karaf;
    /** The first-run project, the one the first-run owner owns. */
    final long project;
    /** The project's test channel connection, owned by the first-run owner. */
    final long connection;

    private ConsoleSteps(KarafProcess karaf, long project, long connection) {
        this.karaf = karaf;
        this.project = project;
        this.connection = connection;
    }

    /**
     * Installs the test channel feature, waits until its webhook answers, and connects the first-run project to it
     * in the name of the first-run owner.
     */
    static ConsoleSteps withTestChannel(KarafProcess karaf) throws Exception {
        karaf.shell("feature:install switchboard-itest-channel");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> sentStatus(karaf) == 200);
        long project = firstNumber(karaf.shell("switchboard:project-list"), "^\\s*(\\d+)\\s*\\|");
        long owner = firstNumber(karaf.shell("switchboard:member-list " + project),
                "^\\s*(\\d+)\\s*\\|\\s*" + Pattern.quote(ExamOptions.OWNER_EMAIL));
        long connection = firstNumber(karaf.shell("switchboard:connection-create " + project + " " + owner
                + " test itest-connection"), "Created connection (\\d+)");
        return new ConsoleSteps(karaf, project, connection);
    }

    /** Adds a manager to the project with {@link #PASSWORD}; returns the member's id. */
    long addManager(String email, String name) throws Exception {
        long id = firstNumber(karaf.shell("switchboard:member-add --role MANAGER " + project + " " + email + " "
                + name), "Added member (\\d+)");
        karaf.shell("switchboard:password-reset --password " + PASSWORD + " " + email);
        return id;
    }

    /** A new browser logged in to the console as a manager added by {@link #addManager}, on the inbox. */
    Browser manager(String email) throws Exception {
        return logIn(email, PASSWORD);
    }

    /** A new browser logged in to the console, on the inbox. */
    Browser logIn(String email, String password) throws Exception {
        return logIn(new Browser(), email, password);
    }

    /** Logs this browser in to the console and waits for the inbox; returns the browser. */
    Browser logIn(Browser browser, String email, String password) {
        browser.driver.get(karaf.consoleUri().toString());
        browser.logIn(email, password);
        browser.await(By.id("tab-new"));
        return browser;
    }

    /** Opens a tab by its address, then the client's chat from its list; returns the chat's id. */
    long openChat(Browser browser, String tab, String client) {
        browser.driver.get(karaf.consoleUri().resolve("inbox/" + tab).toString());
        browser.click(By.xpath("//*[starts-with(@id,'chat-item-')][.//*[text()='" + client + "']]"));
        WebElement window = browser.await(By.id("chat-window"));
        browser.awaitText(By.id("chat-client-name"), client);
        return Long.parseLong(window.getAttribute("data-chat"));
    }

    /** Waits until the open chat window shows a message of this kind containing the text. */
    static WebElement awaitMessage(Browser browser, String kind, String text) {
        return browser.await(By.xpath(messageXpath(kind, text)));
    }

    static String messageXpath(String kind, String text) {
        return "//*[starts-with(@id,'message-')][@data-kind='" + kind + "'][contains(., '" + text + "')]";
    }

    /** A client's message through the test channel's webhook. */
    void inbound(String firstName, String lastName, String user, String text) throws Exception {
        inbound(firstName, lastName, user, text, Map.of());
    }

    /** A client's message through the test channel's webhook, with tracking fields ({@code source, ga, url, ...}). */
    void inbound(String firstName, String lastName, String user, String text, Map<String, String> tracking)
            throws Exception {
        Map<String, String> fields = new LinkedHashMap<>(tracking);
        fields.putAll(Map.of("connection", Long.toString(connection), "externalId", UUID.randomUUID().toString(),
                "userId", user, "firstName", firstName, "lastName", lastName, "text", text));
        postForm("test-channel/inbound", fields);
    }

    /** Posts a form to the distribution and asserts that it was answered 200. */
    void postForm(String path, Map<String, String> fields) throws Exception {
        HttpResponse<String> response = karaf.httpPost(path, "application/x-www-form-urlencoded", form(fields));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    static long firstNumber(String output, String regex) {
        Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((key, value) -> body.append(body.length() == 0 ? "" : "&").append(key).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }

    private static int sentStatus(KarafProcess karaf) {
        try {
            return karaf.httpGet("test-channel/sent").statusCode();
        } catch (Exception notYet) {
            return -1;
        }
    }
}
