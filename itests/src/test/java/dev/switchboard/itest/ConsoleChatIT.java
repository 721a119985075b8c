package dev.switchboard.itest;

import static dev.switchboard.itest.ConsoleSteps.COMPOSER;
import static dev.switchboard.itest.ConsoleSteps.awaitMessage;
import static dev.switchboard.itest.ConsoleSteps.message;
import static dev.switchboard.itest.ConsoleSteps.messageXpath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Two managers at once in the console's inbox and chat window, in two headless Chromiums, against the
 * distribution started as an operator starts it, with the test channel installed: clients write through the test
 * platform's webhooks to the core, and what the outbox delivered is read back from the platform (DIST-1, TEAM-4,
 * MSG-3, WIN-3, INB-3); a client's file is served to the team and to nobody of another project (INP-3). Everything
 * the second manager sees arrives by server push: no test reloads a page to see a change.
 */
public class ConsoleChatIT {

    private static final String VITALY_EMAIL = "vitaly@switchboard.local";
    private static final String DIMA_EMAIL = "dima@switchboard.local";
    /** A manager of another project of the installation. */
    private static final String OLEG_EMAIL = "oleg@other.local";

    private static KarafProcess karaf;
    private static ConsoleSteps steps;
    private static Path screenshots;
    private static long vitaly;
    private static long dima;
    private static long sales;

    @BeforeClass
    public static void startDistribution() throws Exception {
        Path work = Path.of(System.getProperty("switchboard.work"));
        screenshots = work.resolve("screenshots");
        karaf = KarafProcess.unpack(work.resolve("karaf-console-chat"), Map.of("dev.switchboard.team.cfg",
                Map.of("firstRun.ownerPassword", ExamOptions.OWNER_PASSWORD))).start();
        steps = ConsoleSteps.withTestChannel(karaf);
        vitaly = steps.addManager(VITALY_EMAIL, "Vitaly");
        dima = steps.addManager(DIMA_EMAIL, "Dima");
        sales = ConsoleSteps.firstNumber(karaf.shell("switchboard:group-create " + steps.project + " Sales"),
                "Created group (\\d+)");
        long other = ConsoleSteps.firstNumber(karaf.shell("switchboard:project-create \"Other agency\""),
                "Created project (\\d+)");
        steps.addManager(other, OLEG_EMAIL, "Oleg");
    }

    @AfterClass
    public static void stopDistribution() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    public void DIST1_twoManagersTakeAtOnce_oneWinsAndTheOtherIsToldWhoTookIt() throws Exception {
        String client = client("Race");
        inbound(client, "Is anyone there?");
        try (Browser first = steps.manager(VITALY_EMAIL); Browser second = steps.manager(DIMA_EMAIL)) {
            long chat = steps.openChat(first, "new", client);
            assertThat(steps.openChat(second, "new", client)).isEqualTo(chat);
            first.await(By.id("action-take"));
            second.await(By.id("action-take"));

            CountDownLatch ready = new CountDownLatch(2);
            CompletableFuture<Void> a = CompletableFuture.runAsync(() -> clickTogether(first, "action-take", ready));
            CompletableFuture<Void> b = CompletableFuture.runAsync(() -> clickTogether(second, "action-take", ready));
            CompletableFuture.allOf(a, b).join();

            // both windows end up showing the one winner as responsible
            first.awaitGone(By.id("action-take"));
            second.awaitGone(By.id("action-take"));
            String shownFirst = responsibleShown(first);
            String shownSecond = responsibleShown(second);
            assertThat(shownFirst).isEqualTo(shownSecond);
            Browser loser = shownFirst.equals("Vitaly") ? second : first;
            loser.awaitTextIs(By.id("error-notification"), shownFirst + " took the chat");
            loser.screenshot(screenshots, "take-race-loser");
            Browser winner = loser == first ? second : first;
            assertThat(winner.driver.findElements(By.id("error-notification"))).isEmpty();
        }
    }

    @Test
    public void TEAM4_theReceiverOfAHandOverIsAskedWithoutReloadingAndAccepts() throws Exception {
        String client = client("Handover");
        inbound(client, "I need help with my order");
        try (Browser giver = steps.manager(VITALY_EMAIL); Browser receiver = steps.manager(DIMA_EMAIL)) {
            long chat = steps.openChat(giver, "new", client);
            giver.click(By.id("action-take"));
            giver.awaitText(By.id("participants"), "Vitaly");
            // the receiver opens the chat from Others before anything is offered
            assertThat(steps.openChat(receiver, "others", client)).isEqualTo(chat);
            assertThat(receiver.driver.findElements(By.id("handover-prompt"))).isEmpty();

            giver.click(By.id("participants"));
            giver.click(By.id("handover-to-" + dima));
            giver.await(By.id("handover-pending"));
            giver.screenshot(screenshots, "handover-pending");

            receiver.awaitText(By.id("handover-prompt"), "Vitaly hands this chat over to you");
            receiver.screenshot(screenshots, "handover-prompt");
            receiver.click(By.id("handover-accept"));

            receiver.awaitGone(By.id("handover-prompt"));
            receiver.awaitText(By.id("participants"), "Dima");
            giver.awaitText(By.id("participants"), "Dima");
            awaitMessage(giver, "system", "Vitaly handed the chat to Dima");
            awaitMessage(giver, "system", "Dima accepted the chat");
            giver.awaitAbsent(By.id("action-done"));
            receiver.await(By.id("action-done"));
        }
    }

    @Test
    public void MSG3_aNoteStaysWithTheTeamWhileAMessageReachesTheClient() throws Exception {
        String client = client("Note");
        inbound(client, "Do you deliver on Sundays?");
        String note = "Check with the warehouse " + UUID.randomUUID();
        String message = "Yes, we do " + UUID.randomUUID();
        try (Browser manager = steps.manager(VITALY_EMAIL); Browser colleague = steps.manager(DIMA_EMAIL)) {
            steps.openChat(manager, "new", client);
            manager.click(By.id("action-take"));
            manager.await(By.id("composer-mode-message"));
            steps.openChat(colleague, "others", client);
            // someone else's chat: notes only, no Message mode at all (INB-5, TEAM-6)
            colleague.awaitAttribute(By.id("composer-mode"), "value", "note");
            colleague.until(d -> d.findElements(By.id("composer-mode-message")).stream()
                    .noneMatch(WebElement::isDisplayed));

            manager.click(By.id("composer-mode-note"));
            manager.awaitAttribute(By.id("composer-mode"), "value", "note");
            manager.act(COMPOSER, input -> input.sendKeys("First line", Keys.chord(Keys.SHIFT, Keys.ENTER), note,
                    Keys.ENTER));
            awaitMessage(manager, "note", note);
            assertThat(manager.textOf(message("note", note))).contains("First line\n" + note)
                    .containsIgnoringCase("Note");
            awaitMessage(colleague, "note", note);

            manager.click(By.id("composer-mode-message"));
            manager.act(COMPOSER, input -> input.sendKeys(message));
            // a double click sends once: both clicks carry the same idempotency key
            manager.act(By.id("composer-send"), send -> new Actions(manager.driver).doubleClick(send).perform());
            awaitMessage(manager, "outbound", message);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> steps.sentTexts().contains(message));
            assertThat(steps.sentTexts()).doesNotContain(note).containsOnlyOnce(message);
            awaitSent(manager, message);
            assertThat(manager.driver.findElements(By.xpath(messageXpath("outbound", message)))).hasSize(1);
            awaitMessage(colleague, "outbound", message);
            manager.screenshot(screenshots, "note-and-message");
            colleague.screenshot(screenshots, "note-and-message-colleague");
        }
    }

    @Test
    public void WIN3_doneMovesTheChatToDoneInBothBrowsers_andARepeatRequestReturnsItToNewWithThePreviousResponsible()
            throws Exception {
        String client = client("Done");
        String user = inbound(client, "Thanks, that is all");
        try (Browser responsible = steps.manager(VITALY_EMAIL); Browser colleague = steps.manager(DIMA_EMAIL)) {
            long chat = steps.openChat(responsible, "new", client);
            responsible.click(By.id("action-take"));
            responsible.await(By.id("action-done"));
            colleague.driver.get(karaf.consoleUri().resolve("inbox/others").toString());
            colleague.await(By.id("chat-item-" + chat));
            long doneBefore = count(colleague, "done");

            responsible.click(By.id("action-done"));

            // the colleague's Others list loses the chat and the Done count grows, live
            colleague.awaitGone(By.id("chat-item-" + chat));
            colleague.until(d -> count(colleague, "done") == doneBefore + 1);
            responsible.until(d -> count(responsible, "done") == doneBefore + 1);
            responsible.awaitTextIs(By.id("chat-state"), "Done");
            awaitMessage(responsible, "system", "Vitaly closed the dialog");
            for (Browser browser : List.of(responsible, colleague)) {
                browser.click(By.id("tab-done"));
                browser.await(By.id("chat-item-" + chat));
            }

            // the colleague watches New; the client writes again
            colleague.click(By.id("tab-new"));
            colleague.awaitGone(By.id("chat-item-" + chat));
            inbound(client, user, "One more question, please");
            // the item follows the message's events in place; the click opens the chat even while it is redrawn
            colleague.awaitText(By.id("chat-item-" + chat), "Previously: Vitaly");
            colleague.awaitText(By.id("chat-item-" + chat), "One more question, please");
            colleague.click(By.id("chat-item-" + chat));
            colleague.awaitTextIs(By.id("chat-previous-responsible"), "Previously handled by Vitaly");
            colleague.awaitTextIs(By.id("chat-state"), "New");
            awaitMessage(colleague, "system", "The client wrote again");
            colleague.screenshot(screenshots, "repeat-request");
            // the former responsible's open window followed too
            responsible.awaitText(By.id("chat-state"), "New");
        }
    }

    @Test
    public void MSG2_aRefusedMessageShowsWhyAndRetrySendsIt() throws Exception {
        String client = client("Retry");
        inbound(client, "Hello?");
        String message = "We are on it " + UUID.randomUUID();
        try (Browser manager = steps.manager(VITALY_EMAIL)) {
            steps.openChat(manager, "new", client);
            manager.click(By.id("action-take"));
            manager.await(By.id("composer-mode-message"));
            channelMode("refuse");
            manager.act(COMPOSER, input -> input.sendKeys(message, Keys.ENTER));
            String id = manager.attribute(message("outbound", message), "id").substring("message-".length());
            manager.awaitAttribute(message("outbound", message), "data-delivery", "failed");
            manager.awaitText(message("outbound", message), "Not delivered: the test channel refuses");
            manager.screenshot(screenshots, "delivery-failed");

            channelMode("ok");
            manager.click(By.id("retry-" + id));
            awaitSent(manager, message);
            manager.awaitAbsent(By.id("retry-" + id));
            assertThat(steps.sentTexts()).containsOnlyOnce(message);
        } finally {
            channelMode("ok");
        }
    }

    @Test
    public void WIN5_theOwnerTakesAnActiveChatOverAndTheFormerResponsibleSeesItLive() throws Exception {
        String client = client("Takeover");
        inbound(client, "Nobody answers me!");
        try (Browser manager = steps.manager(VITALY_EMAIL); Browser owner = new Browser()) {
            long chat = steps.openChat(manager, "new", client);
            manager.click(By.id("action-take"));
            manager.await(By.id("action-done"));
            steps.logIn(owner, ExamOptions.OWNER_EMAIL, ExamOptions.OWNER_PASSWORD);
            assertThat(steps.openChat(owner, "others", client)).isEqualTo(chat);
            // a manager may not take a colleague's chat; the owner may (TEAM-1)
            assertThat(manager.driver.findElements(By.id("action-take-over"))).isEmpty();
            owner.click(By.id("action-take-over"));

            owner.awaitText(By.id("participants"), "Owner");
            owner.await(By.id("action-done"));
            manager.awaitText(By.id("participants"), "Owner");
            manager.awaitGone(By.id("action-done"));
            awaitMessage(manager, "system", "Owner took the chat over from Vitaly");
        }
    }

    @Test
    public void MSG4_aRussianReaderSeesTheChatAndItsSystemMessagesInRussian() throws Exception {
        String client = client("Russian");
        inbound(client, "Здравствуйте!");
        try (Browser manager = steps.manager(VITALY_EMAIL); Browser russian = new Browser("ru")) {
            long chat = steps.openChat(manager, "new", client);
            manager.click(By.id("action-take"));
            manager.await(By.id("action-done"));
            steps.logIn(russian, DIMA_EMAIL, ConsoleSteps.PASSWORD);
            assertThat(steps.openChat(russian, "others", client)).isEqualTo(chat);
            awaitMessage(russian, "system", "Vitaly взял чат");
            russian.awaitTextIs(By.id("chat-state"), "В работе");
            assertThat(russian.textOf(By.id("composer-mode-note"))).isEqualTo("Заметка");

            manager.click(By.id("action-done"));
            awaitMessage(russian, "system", "Vitaly завершил диалог");
            russian.screenshot(screenshots, "russian-reader");
        }
    }

    @Test
    public void TEAM5_anAddedParticipantWritesToTheClientAndLeaves() throws Exception {
        String client = client("Participant");
        inbound(client, "Two questions: price and delivery");
        try (Browser responsible = steps.manager(VITALY_EMAIL); Browser colleague = steps.manager(DIMA_EMAIL)) {
            long chat = steps.openChat(responsible, "new", client);
            responsible.click(By.id("action-take"));
            responsible.await(By.id("action-done"));
            assertThat(steps.openChat(colleague, "others", client)).isEqualTo(chat);
            assertThat(colleague.driver.findElements(By.id("action-leave"))).isEmpty();

            responsible.click(By.id("participants"));
            responsible.click(By.id("add-participant-" + dima));
            responsible.awaitText(By.id("participants"), "Vitaly +1");

            // the colleague's open window follows: Message mode and Leave appear, Done does not (TEAM-5)
            colleague.await(By.id("composer-mode-message"));
            colleague.await(By.id("action-leave"));
            assertThat(colleague.driver.findElements(By.id("action-done"))).isEmpty();
            awaitMessage(colleague, "system", "Vitaly added Dima to the chat");

            colleague.click(By.id("action-leave"));
            awaitMessage(responsible, "system", "Dima left the chat");
            colleague.awaitGone(By.id("action-leave"));
            colleague.awaitAttribute(By.id("composer-mode"), "value", "note");
            responsible.awaitText(By.id("participants"), "Vitaly");
        }
    }

    @Test
    public void DIST2_aChatIsAssignedFromNew_andTEAM4_forwardedToAGroupLandsInNew() throws Exception {
        String client = client("Assign");
        inbound(client, "I want to buy ten licences");
        try (Browser senior = steps.manager(VITALY_EMAIL); Browser operator = steps.manager(DIMA_EMAIL)) {
            long chat = steps.openChat(senior, "new", client);
            assertThat(steps.openChat(operator, "new", client)).isEqualTo(chat);

            senior.click(By.id("action-assign"));
            senior.click(By.id("assign-to-" + dima));
            operator.awaitText(By.id("participants"), "Dima");
            operator.await(By.id("action-done"));
            awaitMessage(operator, "system", "Vitaly assigned the chat to Dima");

            operator.click(By.id("action-forward"));
            operator.click(By.id("forward-to-" + sales));
            awaitMessage(senior, "system", "Dima forwarded the chat to group Sales");
            senior.awaitText(By.id("chat-state"), "New");
            senior.await(By.id("action-take"));
        }
    }

    @Test
    public void INP3_aClientsFileIsServedToTheTeam_andAMemberOfAnotherProjectAskingForItGets404() throws Exception {
        String client = client("File");
        String[] name = client.split(" ", 2);
        String text = "My passport scan " + UUID.randomUUID();
        steps.inbound(TestChannel.message("msg-" + UUID.randomUUID(), "user-" + UUID.randomUUID(), text)
                .put("first_name", name[0]).put("last_name", name[1])
                .put("files", List.of(TestChannel.file(steps.channel.file("photo.jpg"), "passport.jpg", "image"))),
                Map.of());
        try (Browser manager = steps.manager(VITALY_EMAIL); Browser stranger = steps.manager(OLEG_EMAIL)) {
            steps.openChat(manager, "new", client);
            // the file, once fetched from the platform, is offered from the console's own address
            String address = manager.attribute(By.xpath(messageXpath("inbound", text)
                    + "//*[starts-with(@id,'attachment-')][@data-state='ready']//a[contains(@href,'files/')]"), "href");
            manager.screenshot(screenshots, "inbound-file");
            assertThat(status(manager, address)).as(address).isEqualTo(200);
            assertThat(status(stranger, address)).as("another project's member asks for " + address).isEqualTo(404);
        }
    }

    @Test
    public void karafLoggedNoErrors() throws Exception {
        assertThat(KarafLog.errors(karaf.log())).isEmpty();
    }

    // ----- helpers

    /**
     * Clicks the button with this id as soon as the other thread is ready too. The page finds the button itself at
     * that moment, so a window drawn anew meanwhile is clicked as it is then.
     */
    private static void clickTogether(Browser browser, String id, CountDownLatch ready) {
        ready.countDown();
        try {
            ready.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        ((JavascriptExecutor) browser.driver).executeScript("document.getElementById(arguments[0]).click();", id);
    }

    /** Waits until the window names one of the two managers as responsible; returns that name. */
    private static String responsibleShown(Browser browser) {
        return browser.until(d -> Optional.of(browser.textOf(By.id("participants")))
                .filter(Set.of("Vitaly", "Dima")::contains).orElse(null));
    }

    /** Waits until the outbound message shows that the platform accepted it. */
    private static void awaitSent(Browser browser, String text) {
        browser.until(d -> Set.of("sent", "delivered").contains(
                Optional.ofNullable(browser.attribute(message("outbound", text), "data-delivery")).orElse("")));
    }

    /** The tab's count once the page shows one (the badge is empty until the first counts arrive). */
    private static long count(Browser browser, String tab) {
        return browser.until(d -> Optional.of(browser.textOf(By.id("count-" + tab)).strip())
                .filter(text -> !text.isEmpty()).map(Long::parseLong).orElse(null));
    }

    private static String client(String last) {
        return "Client" + Long.toString(System.nanoTime() % 100000, 36) + " " + last;
    }

    /** A first message of a new client; returns the client's external user id. */
    private static String inbound(String client, String text) throws Exception {
        String user = "user-" + UUID.randomUUID();
        inbound(client, user, text);
        return user;
    }

    private static void inbound(String client, String user, String text) throws Exception {
        String[] name = client.split(" ", 2);
        steps.inbound(name[0], name[1], user, text);
    }

    /** The status the browser's session gets for {@code address}, asked as the page itself would ask. */
    private static long status(Browser browser, String address) {
        Object status = ((JavascriptExecutor) browser.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin', redirect: 'manual'})"
                        + ".then(r => done(r.status), e => done(-1));", address);
        return ((Number) status).longValue();
    }

    private static void channelMode(String mode) throws Exception {
        steps.channel.mode(steps.connection, mode);
    }
}
