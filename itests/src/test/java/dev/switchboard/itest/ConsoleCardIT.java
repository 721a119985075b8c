package dev.switchboard.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;

/**
 * The client card in the console, in headless Chromium, against the distribution started as an operator starts it
 * with the test channel installed (CARD-1..9, TEAM-5/6, MSG-4): the card beside the chat window shows what the
 * channel told about the client and the first stage of the default funnel; the responsible edits it (phone
 * normalised, a bad e-mail refused on its field), sets the status and adds a tag, which leave system messages in
 * the chat; a colleague who does not handle the client reads the card and follows its changes live; the
 * interactions list opens a request's history; the owner renames a tag in the project's settings and the card
 * shows the new name.
 */
public class ConsoleCardIT {

    private static final String VITALY_EMAIL = "vitaly@switchboard.local";
    private static final String DIMA_EMAIL = "dima@switchboard.local";

    private static KarafProcess karaf;
    private static ConsoleSteps steps;
    private static Path screenshots;

    @BeforeClass
    public static void startDistribution() throws Exception {
        Path work = Path.of(System.getProperty("switchboard.work"));
        screenshots = work.resolve("screenshots");
        karaf = KarafProcess.unpack(work.resolve("karaf-console-card"), Map.of("dev.switchboard.team.cfg",
                Map.of("firstRun.ownerPassword", ExamOptions.OWNER_PASSWORD),
                // a second funnel to switch to (CARD-3): a real-estate agency's, configured as an operator would
                "dev.switchboard.funnel.custom-realty.cfg", Map.of("key", "realty", "name.en", "Real estate",
                        "name.ru", "Недвижимость", "stages", "lead;Lead;Лид;#9e9e9e,viewing;Viewing;Просмотр;#42a5f5,"
                                + "client;Client;Клиент;#43a047"))).start();
        steps = ConsoleSteps.withTestChannel(karaf);
        karaf.shell("feature:install switchboard-funnel-custom");
        steps.addManager(VITALY_EMAIL, "Vitaly");
        steps.addManager(DIMA_EMAIL, "Dima");
    }

    @AfterClass
    public static void stopDistribution() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    public void CARD2_CARD3_theCardBesideTheChatShowsTheClientsNamesAndTheFirstStage_andTheResponsibleEditsIt()
            throws Exception {
        String first = "Anna" + suffix();
        String last = "Card";
        steps.inbound(first, last, "user-" + UUID.randomUUID(), "Hello, I would like a quote");
        try (Browser manager = steps.manager(VITALY_EMAIL)) {
            open(manager, "new", first + " " + last);
            manager.click(By.id("action-take"));
            manager.await(By.id("action-done"));

            // the card beside the chat: the channel's names, the default funnel's first stage, editable now
            awaitEditable(manager);
            manager.awaitTextIs(By.id("card-name"), first + " " + last);
            assertThat(value(manager, "card-first-name")).isEqualTo(first);
            assertThat(value(manager, "card-last-name")).isEqualTo(last);
            assertThat(manager.attribute(By.id("card-status-select"), "data-stage")).isEqualTo("not-client");
            manager.awaitText(By.id("card-status-select"), "Not a client");

            // the phone as people type it is saved as E.164 (CARD-6)
            manager.type("card-phone", "8 912 345-67-89");
            manager.click(By.id("card-save"));
            awaitValue(manager, "card-phone", "+79123456789");

            // a bad e-mail is refused on its field, in words, and nothing is saved
            manager.type("card-email", "not-an-email");
            manager.type("card-city", "Perm");
            manager.click(By.id("card-save"));
            manager.awaitText(By.id("card-email"), "This is not a valid e-mail address.");
            assertThat(manager.attribute(By.id("card-email"), "invalid")).isNotNull();
            manager.screenshot(screenshots, "card-invalid-email");
            manager.driver.navigate().refresh();
            awaitEditable(manager);
            assertThat(value(manager, "card-email")).isEmpty();
            assertThat(value(manager, "card-city")).isEmpty();
            assertThat(value(manager, "card-phone")).isEqualTo("+79123456789");
        }
    }

    @Test
    public void MSG4_TEAM6_statusAndTagLeaveSystemMessages_andAColleagueReadsTheCardAndFollowsItLive()
            throws Exception {
        String first = "Boris" + suffix();
        String last = "Status";
        steps.inbound(first, last, "user-" + UUID.randomUUID(), "What does delivery cost?");
        String tag = "vip" + suffix();
        try (Browser manager = steps.manager(VITALY_EMAIL); Browser colleague = steps.manager(DIMA_EMAIL)) {
            open(manager, "new", first + " " + last);
            manager.click(By.id("action-take"));
            awaitEditable(manager);

            // the colleague neither handles the client nor takes part: the card is read-only, no edit controls
            open(colleague, "others", first + " " + last);
            assertThat(colleague.attribute(By.id("card"), "data-editable")).isEqualTo("false");
            colleague.await(By.id("card-read-only"));
            assertThat(colleague.driver.findElements(By.id("card-save"))).isEmpty();
            assertThat(colleague.driver.findElements(By.id("card-status-select"))).isEmpty();
            assertThat(colleague.driver.findElements(By.id("card-tag-add"))).isEmpty();
            assertThat(colleague.attribute(By.id("card-phone"), "readonly")).isNotNull();
            assertThat(colleague.attribute(By.id("card-status-value"), "data-stage")).isEqualTo("not-client");

            choose(manager, "card-status-select", "Interested");
            awaitMessage(manager, "Vitaly changed the status from Not a client to Interested");
            manager.awaitAttribute(By.id("card-status-select"), "data-stage", "interested");

            // a new tag typed into the box is created in the catalogue and added
            typeTag(manager, tag);
            manager.await(By.xpath("//*[starts-with(@id,'card-tag-')][@data-tag='" + tag + "']"));
            awaitMessage(manager, "Vitaly added the tags " + tag);

            // the colleague's card followed both changes without a reload, and so did the chat
            colleague.await(By.xpath("//*[@id='card-status-value'][@data-stage='interested']"));
            colleague.await(By.xpath("//*[starts-with(@id,'card-tag-')][@data-tag='" + tag + "']"));
            awaitMessage(colleague, "Vitaly added the tags " + tag);
            colleague.screenshot(screenshots, "card-read-only-colleague");
            manager.screenshot(screenshots, "card-beside-chat");
        }
    }

    @Test
    public void CARD7_CARD9_theInteractionsListShowsTheRequestAndOpensItsHistory() throws Exception {
        String first = "Vera" + suffix();
        String last = "Requests";
        String opening = "My order " + UUID.randomUUID() + " has not arrived";
        String user = "user-" + UUID.randomUUID();
        // the first message came through a landing page with UTM tags, from a browser with a Google Analytics id
        String gaId = "1234567890." + (1_600_000_000L + Math.floorMod(System.nanoTime(), 100_000L));
        steps.inbound(first, last, user, opening, Map.of("source", "Spring landing", "ga", "GA1.2." + gaId,
                "url", "https://shop.example/spring?utm_source=google&utm_medium=cpc&utm_campaign=spring-sale",
                "referrer", "https://www.google.com/"));
        steps.inbound(first, last, user, "It was due yesterday");
        try (Browser manager = steps.manager(VITALY_EMAIL)) {
            open(manager, "new", first + " " + last);
            manager.click(By.xpath("//*[starts-with(@id,'card-request-')][contains(., '" + opening + "')]"));
            manager.await(By.xpath("//*[starts-with(@id,'request-message-')][@data-kind='inbound'][contains(., '"
                    + opening + "')]"));
            manager.await(By.xpath("//*[starts-with(@id,'request-message-')][@data-kind='inbound']"
                    + "[contains(., 'It was due yesterday')]"));
            manager.screenshot(screenshots, "card-request-history");
            manager.click(By.id("request-close"));

            // where the client came from (CARD-8)
            manager.awaitText(By.id("card-sources-tools"), "Spring landing");
            manager.awaitText(By.id("card-sources-google"), gaId);
            String visits = manager.textOf(By.id("card-sources-visits"));
            assertThat(visits).contains("source: google", "medium: cpc", "campaign: spring-sale",
                    "https://www.google.com/", "https://shop.example/spring");

            // the chat header's link opens the card as its own page
            manager.click(By.id("chat-card-link"));
            await().atMost(Duration.ofSeconds(30)).until(() -> manager.driver.getCurrentUrl().contains("/card/"));
            manager.awaitGone(By.id("chat-window"));
            manager.awaitText(By.id("card-name"), first + " " + last);
            manager.await(By.xpath("//*[starts-with(@id,'card-request-')][contains(., '" + opening + "')]"));

            // a Russian reader sees the same card in Russian, the stage named in Russian
            String page = manager.driver.getCurrentUrl();
            try (Browser russian = new Browser("ru")) {
                steps.logIn(russian, DIMA_EMAIL, ConsoleSteps.PASSWORD);
                russian.driver.get(page);
                russian.awaitText(By.id("card-name"), first + " " + last);
                assertThat(russian.textOf(By.id("card-section-requests"))).startsWith("ОБРАЩЕНИЯ");
                russian.awaitTextIs(By.id("card-status-value"), "Не клиент");
                russian.screenshot(screenshots, "card-page-russian");
            }
        }
    }

    @Test
    public void CARD4_theOwnerRenamesATagInTheSettingsAndTheCardShowsTheNewName() throws Exception {
        String first = "Gleb" + suffix();
        String last = "Tags";
        steps.inbound(first, last, "user-" + UUID.randomUUID(), "Do you have it in blue?");
        String tag = "wholesale" + suffix();
        String renamed = "b2b" + suffix();
        try (Browser manager = steps.manager(VITALY_EMAIL); Browser owner = new Browser()) {
            open(manager, "new", first + " " + last);
            manager.click(By.id("action-take"));
            awaitEditable(manager);
            typeTag(manager, tag);
            String chipId = manager.attribute(By.xpath("//*[starts-with(@id,'card-tag-')][@data-tag='" + tag + "']"),
                    "id");
            String tagId = chipId.substring("card-tag-".length());
            // a manager has no settings link, and the address refuses them
            assertThat(manager.driver.findElements(By.id("settings-link"))).isEmpty();

            steps.logIn(owner, ExamOptions.OWNER_EMAIL, ExamOptions.OWNER_PASSWORD);
            owner.click(By.id("settings-link"));
            owner.type("settings-tag-name-" + tagId, renamed);
            owner.click(By.id("settings-tag-save-" + tagId));
            owner.await(By.xpath("//*[@id='settings-tag-" + tagId + "'][.//*[text()='" + renamed + "']]"));
            owner.screenshot(screenshots, "settings-tags");
            owner.click(By.id("settings-nav-funnel"));
            owner.await(By.xpath("//*[@id='settings-funnel-default']//*[@id='settings-funnel-current']"));
            owner.click(By.id("settings-nav-plugins"));
            owner.await(By.id("settings-plugins-none"));

            manager.driver.navigate().refresh();
            manager.await(By.xpath("//*[@id='card-tag-" + tagId + "'][@data-tag='" + renamed + "']"));
            manager.driver.get(karaf.consoleUri().resolve("settings/tags").toString());
            manager.await(By.id("settings-refused"));
        }
    }

    @Test
    public void CARD3_theOwnerSwitchesTheFunnelMappingAStage_andAStatusKeptFromTheOldFunnelIsMarked()
            throws Exception {
        String first = "Daria" + suffix();
        String last = "Funnel";
        steps.inbound(first, last, "user-" + UUID.randomUUID(), "Is the flat still available?");
        try (Browser manager = steps.manager(VITALY_EMAIL); Browser owner = new Browser()) {
            open(manager, "new", first + " " + last);
            manager.click(By.id("action-take"));
            awaitEditable(manager);
            choose(manager, "card-status-select", "Interested");
            awaitMessage(manager, "Vitaly changed the status from Not a client to Interested");

            steps.logIn(owner, ExamOptions.OWNER_EMAIL, ExamOptions.OWNER_PASSWORD);
            owner.driver.get(karaf.consoleUri().resolve("settings/funnel").toString());
            owner.await(By.xpath("//*[@id='settings-funnel-default']//*[@id='settings-funnel-current']"));
            owner.await(By.id("settings-funnel-realty"));
            try {
                choose(owner, "settings-funnel-select", "Real estate");
                choose(owner, "settings-funnel-map-interested", "Viewing");
                owner.screenshot(screenshots, "settings-funnel-mapping");
                owner.click(By.id("settings-funnel-apply"));
                owner.awaitText(By.id("settings-funnel-result"), "Real estate");
                owner.await(By.xpath("//*[@id='settings-funnel-realty']//*[@id='settings-funnel-current']"));

                // the open card follows the switch live: the mapped status is a stage of the new funnel
                manager.await(By.xpath("//*[@id='card-status-select'][@data-stage='viewing']"));
                manager.awaitText(By.id("card-status-select"), "Viewing");

                // back to the default funnel, keeping the status: it stays readable, marked as from earlier
                choose(owner, "settings-funnel-select", "Default funnel");
                owner.click(By.id("settings-funnel-apply"));
                owner.await(By.xpath("//*[@id='settings-funnel-default']//*[@id='settings-funnel-current']"));
                manager.awaitText(By.id("card-status-old"), "Viewing (from an earlier funnel)");
                manager.screenshot(screenshots, "card-status-from-an-earlier-funnel");
            } finally {
                restoreDefaultFunnel(owner);
            }
        }
    }

    @Test
    public void CARD_twoCardsOfOnePersonAreMerged_andTheCardShowsTheSurvivorWithBothChannels() throws Exception {
        String phone = "+7912" + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000L));
        String last = "Merge";
        String firstA = "Egor" + suffix();
        String firstB = "Egorka" + suffix();
        steps.inbound(firstA, last, "user-" + UUID.randomUUID(), "Hello from the first account");
        steps.inbound(firstB, last, "user-" + UUID.randomUUID(), "Hello from the second account");
        try (Browser manager = steps.manager(VITALY_EMAIL)) {
            for (String first : List.of(firstA, firstB)) {
                open(manager, "new", first + " " + last);
                manager.click(By.id("action-take"));
                awaitEditable(manager);
                manager.type("card-phone", phone);
                manager.click(By.id("card-save"));
                // the card is drawn again after the save: read the field until it settles
                awaitValue(manager, "card-phone", phone);
            }
            // the second card now lists the first as a possible duplicate
            manager.driver.navigate().refresh();
            String other = manager.attribute(By.xpath("//*[starts-with(@id,'card-duplicate-')][contains(., '"
                    + firstA + "')]"), "id").substring("card-duplicate-".length());
            manager.click(By.id("card-merge-" + other));
            // the confirmation names both cards
            await().atMost(Duration.ofSeconds(30)).until(() -> String.valueOf(((JavascriptExecutor) manager.driver)
                    .executeScript("const d = document.getElementById('card-merge-confirm');"
                            + " return d && d.opened ? d.message : null;")).contains(firstA + " " + last));
            assertThat(String.valueOf(((JavascriptExecutor) manager.driver).executeScript(
                    "return document.getElementById('card-merge-confirm').message;"))).contains(firstB + " " + last);
            manager.screenshot(screenshots, "card-merge-confirm");
            manager.clickShown(By.xpath("//vaadin-button[@slot='confirm-button'][normalize-space(.)='Merge']"));

            manager.awaitGone(By.id("card-duplicate-" + other));
            manager.until(d -> d.findElements(By.cssSelector("#card-identities span")).size() == 2);
            manager.awaitTextIs(By.id("card-name"), firstB + " " + last);
            awaitMessage(manager, "Vitaly merged the card of " + firstA + " " + last);
            manager.screenshot(screenshots, "card-merged");
        }
    }

    @Test
    public void CARD_aCardChangedElsewhereWhileBeingEditedIsNeverSilentlyOverwritten() throws Exception {
        String first = "Zoya" + suffix();
        String last = "Conflict";
        steps.inbound(first, last, "user-" + UUID.randomUUID(), "Can I change my delivery address?");
        try (Browser manager = steps.manager(VITALY_EMAIL); Browser owner = new Browser()) {
            open(manager, "new", first + " " + last);
            manager.click(By.id("action-take"));
            awaitEditable(manager);
            String contact = manager.attribute(By.id("card"), "data-contact");

            // the manager is typing when the owner changes the same card on its own page
            manager.type("card-city", "Kazan");
            steps.logIn(owner, ExamOptions.OWNER_EMAIL, ExamOptions.OWNER_PASSWORD);
            owner.driver.get(karaf.consoleUri().resolve("card/" + contact).toString());
            owner.awaitText(By.id("card-name"), first + " " + last);
            choose(owner, "card-status-select", "Desire");
            owner.await(By.xpath("//*[@id='card-status-select'][@data-stage='desire']"));

            // the typed city stays, with a note that the card changed elsewhere
            manager.await(By.id("card-changed-hint"));
            assertThat(value(manager, "card-city")).isEqualTo("Kazan");
            manager.screenshot(screenshots, "card-changed-elsewhere");

            // saving over it is refused: the manager is told and sees the card as the owner left it
            manager.click(By.id("card-save"));
            manager.awaitText(By.id("error-notification"), "Someone else changed this card");
            manager.await(By.xpath("//*[@id='card-status-select'][@data-stage='desire']"));
            awaitValue(manager, "card-city", "");
        }
    }

    @Test
    public void theConsoleLoggedNoErrors() throws Exception {
        assertThat(KarafLog.errors(karaf.log())).isEmpty();
    }

    // ----- helpers

    /** Opens a tab by its address, then the client's chat from its list; waits for the card beside it. */
    private static void open(Browser browser, String tab, String client) {
        steps.openChat(browser, tab, client);
        browser.awaitText(By.id("card-name"), client);
    }

    private static void awaitEditable(Browser browser) {
        browser.await(By.xpath("//*[@id='card'][@data-editable='true']"));
        browser.await(By.id("card-save"));
    }

    /** Opens a drop-down and picks the shown item with this text (closed drop-downs keep their items hidden). */
    private static void choose(Browser browser, String selectId, String item) {
        browser.click(By.id(selectId));
        browser.clickShown(By.xpath("//vaadin-select-item[normalize-space(.)='" + item + "']"));
    }

    /** Types a tag into the card's tag box and presses Enter, replacing anything a try before left there. */
    private static void typeTag(Browser browser, String tag) {
        browser.act(By.cssSelector("#card-tag-add input"),
                box -> box.sendKeys(Keys.chord(Keys.CONTROL, "a"), tag, Keys.ENTER));
    }

    /** Leaves the project on the default funnel for the other tests, whatever happened. */
    private static void restoreDefaultFunnel(Browser owner) {
        owner.driver.get(karaf.consoleUri().resolve("settings/funnel").toString());
        owner.await(By.id("settings-funnel-default"));
        if (owner.driver.findElements(By.xpath(
                "//*[@id='settings-funnel-default']//*[@id='settings-funnel-current']")).isEmpty()) {
            choose(owner, "settings-funnel-select", "Default funnel");
            owner.click(By.id("settings-funnel-apply"));
            owner.await(By.xpath("//*[@id='settings-funnel-default']//*[@id='settings-funnel-current']"));
        }
    }

    private static String value(Browser browser, String id) {
        String value = browser.attribute(By.cssSelector("#" + id + " input"), "value");
        return value == null ? "" : value;
    }

    /** Waits until the card's field holds {@code value}: the card is drawn again after a save and by push. */
    private static void awaitValue(Browser browser, String id, String value) {
        browser.awaitAttribute(By.cssSelector("#" + id + " input"), "value", value);
    }

    private static void awaitMessage(Browser browser, String text) {
        ConsoleSteps.awaitMessage(browser, "system", text);
    }

    private static String suffix() {
        return Long.toString(System.nanoTime() % 1_000_000, 36);
    }
}
