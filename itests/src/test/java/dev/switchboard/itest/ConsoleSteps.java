package dev.switchboard.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.itest.kit.Http;
import dev.switchboard.itest.kit.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;

/**
 * The steps the console's browser tests share against a distribution started by {@link KarafProcess} with the
 * test channel installed: the set-up an operator does in the shell, clients writing in through the test platform's
 * webhooks to the core, members logging in to the console in their own browser, and the chat window read as a
 * manager reads it.
 */
final class ConsoleSteps {

    /** The password every manager added by {@link #addManager} logs in with. */
    static final String PASSWORD = "itest-manager-password";

    final KarafProcess karaf;
    /** The test platform beside the distribution: its webhooks, what it delivered, how it answers sends. */
    final TestChannel channel;
    /** The first-run project, the one the first-run owner owns. */
    final long project;
    /** The project's test channel connection, owned by the first-run owner. */
    final long connection;
    /** Where the platform sends the connection's webhooks, as {@code switchboard:connection-create} printed it. */
    final URI webhook;

    private ConsoleSteps(KarafProcess karaf, TestChannel channel, long project, long connection, URI webhook) {
        this.karaf = karaf;
        this.channel = channel;
        this.project = project;
        this.connection = connection;
        this.webhook = webhook;
    }

    /**
     * Adds the tests' features repository, installs the test channel from it as an operator installs a plugin, and
     * connects the first-run project to it in the name of the first-run owner.
     */
    static ConsoleSteps withTestChannel(KarafProcess karaf) throws Exception {
        karaf.shell("feature:repo-add " + ExamOptions.itestFeaturesRepository());
        karaf.shell("feature:install switchboard-itest-channel");
        TestChannel channel = new TestChannel(Http.at(karaf.consoleUri()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(channel::answers);
        long project = firstNumber(karaf.shell("switchboard:project-list"), "^\\s*(\\d+)\\s*\\|");
        long owner = firstNumber(karaf.shell("switchboard:member-list " + project),
                "^\\s*(\\d+)\\s*\\|\\s*" + Pattern.quote(ExamOptions.OWNER_EMAIL));
        String created = karaf.shell("switchboard:connection-create " + project + " " + owner
                + " test itest-connection");
        long connection = firstNumber(created, "Created connection (\\d+)");
        Matcher webhook = Pattern.compile("webhook: (\\S+)").matcher(created);
        assertThat(webhook.find()).as(created).isTrue();
        assertThat(karaf.shell("switchboard:connection-list " + project + " " + owner)).contains(webhook.group(1));
        return new ConsoleSteps(karaf, channel, project, connection, URI.create(webhook.group(1)));
    }

    /** Adds a manager to the project with {@link #PASSWORD}; returns the member's id. */
    long addManager(String email, String name) throws Exception {
        return addManager(project, email, name);
    }

    /** Adds a manager to {@code toProject} with {@link #PASSWORD}; returns the member's id. */
    long addManager(long toProject, String email, String name) throws Exception {
        long id = firstNumber(karaf.shell("switchboard:member-add --role MANAGER " + toProject + " " + email + " "
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

    /** The open chat's composer. */
    static final By COMPOSER = By.cssSelector("#composer textarea");

    /**
     * Opens a tab by its address, then the client's chat from its list; returns the chat's id. The list is drawn
     * anew as chats change, so the item is looked up afresh for the click, and the window read once it is the
     * client's.
     */
    long openChat(Browser browser, String tab, String client) {
        browser.driver.get(karaf.consoleUri().resolve("inbox/" + tab).toString());
        browser.click(By.xpath("//*[starts-with(@id,'chat-item-')][.//*[text()='" + client + "']]"));
        browser.awaitText(By.id("chat-client-name"), client);
        return Long.parseLong(browser.attribute(By.id("chat-window"), "data-chat"));
    }

    /** Waits until the open chat window shows a message of this kind containing the text. */
    static void awaitMessage(Browser browser, String kind, String text) {
        browser.await(message(kind, text));
    }

    /** The open chat window's message of this kind containing the text. */
    static By message(String kind, String text) {
        return By.xpath(messageXpath(kind, text));
    }

    static String messageXpath(String kind, String text) {
        return "//*[starts-with(@id,'message-')][@data-kind='" + kind + "'][contains(., '" + text + "')]";
    }

    /** A client's message through the test platform's webhook. */
    void inbound(String firstName, String lastName, String user, String text) throws Exception {
        inbound(firstName, lastName, user, text, Map.of());
    }

    /**
     * A client's message through the test platform's webhook, with what it knows of the visit: {@code source} and
     * the tracking fields {@code ga, url, referrer}.
     */
    void inbound(String firstName, String lastName, String user, String text, Map<String, String> visit)
            throws Exception {
        Json event = TestChannel.message("msg-" + UUID.randomUUID(), user, text).put("first_name", firstName)
                .put("last_name", lastName).put("source", visit.get("source"));
        inbound(event, visit);
    }

    /** A client's message event through the test platform's webhook, with the tracking fields of {@code visit}. */
    void inbound(Json event, Map<String, String> visit) throws Exception {
        if (visit.containsKey("ga") || visit.containsKey("url") || visit.containsKey("referrer")) {
            event.put("tracking", Json.object("ga", visit.get("ga"), "url", visit.get("url"),
                    "referrer", visit.get("referrer")));
        }
        HttpResponse<String> response = Http.at(karaf.consoleUri()).send(webhook,
                channel.signed(connection, event));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** The texts of the messages the test platform accepted, oldest first. */
    List<String> sentTexts() throws Exception {
        return channel.sent().stream().map(s -> s.get("text")).toList();
    }

    static long firstNumber(String output, String regex) {
        Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
