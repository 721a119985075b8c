package dev.switchboard.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The Search tab as a manager uses it (INB-7), in headless Chromium against the distribution started as an
 * operator starts it, with the test channel installed: clients write in through its webhook, which creates their
 * cards; phone numbers, statuses and tags are put on the cards through the card page, as a manager does. Search
 * pages are three contacts long here ({@code inbox.page.size}), so that "More" has something to do.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ConsoleSearchIT {

    private static final String VITALY_EMAIL = "vitaly@switchboard.local";
    /** Switches to Russian, which the console remembers for the account: the other tests read English. */
    private static final String DIMA_EMAIL = "dima@switchboard.local";
    private static final int PAGE_SIZE = 3;
    private static final By QUERY = By.cssSelector("#search-query input");

    private static KarafProcess karaf;
    private static ConsoleSteps steps;
    private static Path screenshots;
    /** Makes every name of this run unique, so that searches find only this run's clients. */
    private static final String RUN = Long.toString(1_000_000 + System.nanoTime() % 1_000_000, 36);

    @BeforeClass
    public static void startDistribution() throws Exception {
        Path work = Path.of(System.getProperty("switchboard.work"));
        screenshots = work.resolve("screenshots");
        karaf = KarafProcess.unpack(work.resolve("karaf-console-search"), Map.of(
                "dev.switchboard.team.cfg", Map.of("firstRun.ownerPassword", ExamOptions.OWNER_PASSWORD),
                "dev.switchboard.console.cfg", Map.of("inbox.page.size", Integer.toString(PAGE_SIZE)))).start();
        steps = ConsoleSteps.withTestChannel(karaf);
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
    public void INB7_typingPartOfALastNameShowsTheContactWhileTyping_andItsChatOpensInTheInbox() throws Exception {
        String last = "Zhukovsky" + RUN;
        inbound("Grigory", last, "Hello, is the shop open on Sunday?");
        try (Browser manager = manager()) {
            openSearch(manager);
            manager.await(By.id("search-hint"));

            manager.act(QUERY, box -> box.sendKeys("h"));
            manager.await(By.id("search-short"));
            // no Enter: the results come while typing
            manager.act(QUERY, box -> box.sendKeys("ukovsky" + RUN.substring(0, 2)));
            long contact = contactOf(manager, "Grigory " + last);
            manager.screenshot(screenshots, "search-while-typing");

            // the hit's parts are read by their own look-ups: the list is drawn anew while the results come
            String hit = "#contact-hit-" + contact + " ";
            long chat = Long.parseLong(manager.attribute(By.cssSelector(hit + "[id^='contact-chat-']"), "id")
                    .substring("contact-chat-".length()));
            assertThat(manager.attribute(By.cssSelector(hit + "#contact-chat-" + chat), "data-tab")).isEqualTo("new");
            assertThat(manager.attribute(By.cssSelector(hit + "#contact-card-" + contact), "href"))
                    .endsWith("card/" + contact);

            // a text nobody's card holds is an empty result, not an error
            search(manager, "Nobody" + UUID.randomUUID().toString().substring(0, 8));
            manager.await(By.id("search-empty"));
            manager.awaitGone(By.id("contact-hit-" + contact));
            search(manager, last.toLowerCase());
            manager.click(By.id("contact-chat-" + chat));

            manager.awaitText(By.id("chat-client-name"), "Grigory " + last);
            assertThat(manager.attribute(By.id("chat-window"), "data-chat")).isEqualTo(Long.toString(chat));
            assertThat(manager.driver.getCurrentUrl()).endsWith("inbox/new/" + chat);

            // once the manager took it, the chat's link leads to Mine
            manager.click(By.id("action-take"));
            manager.await(By.id("action-done"));
            openSearch(manager);
            search(manager, last);
            manager.awaitAttribute(By.id("contact-chat-" + chat), "data-tab", "mine");
            manager.click(By.id("contact-chat-" + chat));
            manager.await(By.id("action-done"));
            assertThat(manager.driver.getCurrentUrl()).endsWith("inbox/mine/" + chat);
        }
    }

    @Test
    public void INB7_aPhoneTypedInAnotherFormatFindsTheContact() throws Exception {
        String last = "Phonova" + RUN;
        inbound("Olga", last, "Please call me back");
        try (Browser owner = owner()) {
            long contact = openCard(owner, last, "Olga " + last);
            owner.act(By.cssSelector("#card-phone input"),
                    phone -> phone.sendKeys(Keys.chord(Keys.CONTROL, "a"), "+7 912 345-67-89"));
            owner.click(By.id("card-save"));
            // the card is drawn again after the save: look the field up afresh each time
            owner.awaitAttribute(By.cssSelector("#card-phone input"), "value", "+79123456789");

            openSearch(owner);
            search(owner, "8 (912) 345-67-89");
            assertThat(contactOf(owner, "Olga " + last)).isEqualTo(contact);
            owner.awaitText(hit("Olga " + last), "+79123456789");
            owner.screenshot(screenshots, "search-by-phone");
        }
    }

    @Test
    public void INB7_filtersByStatusAndTagNarrowTheResults_andClearShowsEveryone() throws Exception {
        String token = "Filtrova" + RUN;
        String tag = "vip" + RUN;
        long both;
        long tagged;
        long desired;
        inbound("Alla", token, "I want to buy");
        inbound("Bella", token, "How much is it?");
        inbound("Vera", token, "Just looking");
        try (Browser owner = owner()) {
            both = openCard(owner, token, "Alla " + token);
            setStatus(owner, "desire");
            addTag(owner, tag);
            tagged = openCard(owner, token, "Bella " + token);
            addTag(owner, tag);
            desired = openCard(owner, token, "Vera " + token);
            setStatus(owner, "desire");
        }
        try (Browser manager = manager()) {
            openSearch(manager);
            manager.click(By.id("search-mode-filters"));
            manager.awaitGone(By.cssSelector("#search-query input"));

            choose(manager, "filter-stages", "Desire");
            manager.until(d -> shownContacts(d).equals(Set.of(both, desired)));
            By status = By.cssSelector("#contact-hit-" + desired + " .sb-status");
            assertThat(manager.attribute(status, "data-status")).isEqualTo("desire");
            manager.awaitTextIs(status, "Desire");

            choose(manager, "filter-tags", tag);
            manager.until(d -> shownContacts(d).equals(Set.of(both)));
            manager.screenshot(screenshots, "search-filters");

            manager.click(By.id("search-clear"));
            // an empty filter lists every contact, a page at a time
            manager.until(d -> shownContacts(d).size() == PAGE_SIZE);
        }
    }

    @Test
    public void INB7_moreShowsTheNextPageUntilTheLast() throws Exception {
        String token = "Pagerov" + RUN;
        for (String first : List.of("Anton", "Boris", "Viktor", "Gleb", "Denis")) {
            inbound(first, token, "Question from " + first);
        }
        try (Browser manager = manager()) {
            openSearch(manager);
            search(manager, token);
            Set<Long> firstPage = manager.until(d -> Optional.of(shownContacts(d))
                    .filter(shown -> shown.size() == PAGE_SIZE).orElse(null));

            manager.click(By.id("search-more"));
            Set<Long> bothPages = manager.until(d -> Optional.of(shownContacts(d))
                    .filter(shown -> shown.size() == 5).orElse(null));
            manager.awaitGone(By.id("search-more"));
            assertThat(bothPages).containsAll(firstPage);
            for (String first : List.of("Anton", "Boris", "Viktor", "Gleb", "Denis")) {
                manager.await(hit(first + " " + token));
            }
        }
    }

    @Test
    public void INB7_switchingToRussianKeepsTheQueryAndTheResults() throws Exception {
        String last = "Lingvova" + RUN;
        inbound("Daria", last, "Здравствуйте");
        try (Browser manager = steps.manager(DIMA_EMAIL)) {
            openSearch(manager);
            search(manager, last);
            long contact = contactOf(manager, "Daria " + last);

            manager.click(By.id("language-switcher"));
            manager.clickShown(By.xpath("//vaadin-select-item[contains(., 'Русский')]"));

            // the page is drawn anew in Russian: everything below is looked up in the new page
            manager.awaitText(By.id("search-mode-filters"), "Фильтры");
            manager.awaitAttribute(QUERY, "value", last);
            manager.await(By.id("contact-hit-" + contact));
            manager.awaitText(By.cssSelector("#contact-hit-" + contact + " .sb-hit-chat"), "Новый");
            manager.screenshot(screenshots, "search-russian");
        }
    }

    @Test
    public void karafLoggedNoErrors() throws Exception {
        assertThat(KarafLog.errors(karaf.log())).isEmpty();
    }

    // ----- helpers

    private static Browser manager() throws Exception {
        return steps.manager(VITALY_EMAIL);
    }

    /** The owner may edit every card (TEAM-1), so the test needs no chat taken to set up a card. */
    private static Browser owner() throws Exception {
        return steps.logIn(ExamOptions.OWNER_EMAIL, ExamOptions.OWNER_PASSWORD);
    }

    private static void openSearch(Browser browser) {
        browser.click(By.id("tab-search"));
        browser.await(QUERY);
    }

    /** Types {@code text} into the search box, replacing what it held; the results come while typing. */
    private static void search(Browser browser, String text) {
        browser.act(QUERY, box -> box.sendKeys(Keys.chord(Keys.CONTROL, "a"), text));
    }

    /** Searches {@code text} and returns the id of the contact shown as {@code name}. */
    private static long find(Browser browser, String text, String name) {
        openSearch(browser);
        search(browser, text);
        return contactOf(browser, name);
    }

    /** The search result of the contact shown as {@code name}. */
    private static By hit(String name) {
        return By.xpath("//*[starts-with(@id,'contact-hit-')][.//*[starts-with(@id,'contact-card-')]"
                + "[normalize-space(.)='" + name + "']]");
    }

    /** Waits for the search result of the contact shown as {@code name}; returns the contact's id. */
    private static long contactOf(Browser browser, String name) {
        return Long.parseLong(browser.attribute(hit(name), "data-contact"));
    }

    /** The contacts the results show now; a result drawn anew while this reads makes the caller's wait try again. */
    private static Set<Long> shownContacts(WebDriver driver) {
        return driver.findElements(By.cssSelector("#search-results [id^='contact-hit-']")).stream()
                .map(hit -> Long.parseLong(hit.getAttribute("data-contact"))).collect(Collectors.toSet());
    }

    /**
     * Finds the client, opens the card page from the result and waits until the card may be edited; returns the
     * contact's id. The page changes inside the console, as a manager moves, not by loading an address: a page
     * unloaded while its push request is waiting makes the push transport log the client's disconnect (at WARN with
     * its stack trace, by the distribution's logging configuration; vaadin/flow#18835).
     */
    private static long openCard(Browser browser, String text, String name) {
        long contact = find(browser, text, name);
        browser.click(By.id("contact-card-" + contact));
        browser.await(By.xpath("//*[@id='card'][@data-editable='true']"));
        assertThat(browser.driver.getCurrentUrl()).endsWith("card/" + contact);
        return contact;
    }

    /*
     * The card page draws the card again after each change, and once more when the change's event comes back
     * through push: an element looked up a moment ago may be gone. So the two edits below look their elements up
     * afresh on each try, until the card shows the change.
     */

    private static void setStatus(Browser browser, String stage) {
        String chosen = "//*[@id='card-status-select'][@data-stage='" + stage + "']";
        // closed drop-downs of the page keep their items in the document, hidden
        String item = "//vaadin-select-item[.//*[@data-stage='" + stage + "']]";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            if (!browser.driver.findElements(By.xpath(chosen)).isEmpty()) {
                return true;
            }
            List<WebElement> shown = browser.driver.findElements(By.xpath(item)).stream()
                    .filter(WebElement::isDisplayed).toList();
            if (shown.isEmpty()) {
                browser.driver.findElement(By.id("card-status-select")).click();
            } else {
                shown.get(0).click();
            }
            return false;
        });
    }

    private static void addTag(Browser browser, String tag) {
        String chip = "//*[starts-with(@id,'card-tag-')][@data-tag='" + tag + "']";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            if (!browser.driver.findElements(By.xpath(chip)).isEmpty()) {
                return true;
            }
            browser.driver.findElement(By.cssSelector("#card-tag-add input"))
                    .sendKeys(Keys.chord(Keys.CONTROL, "a"), tag, Keys.ENTER);
            return false;
        });
    }

    /** Picks {@code label} in a multi-select drop-down of the Filters mode and closes it. */
    private static void choose(Browser browser, String id, String label) {
        By input = By.cssSelector("#" + id + " input");
        browser.act(input, box -> {
            box.click();
            box.sendKeys(Keys.chord(Keys.CONTROL, "a"), label);
        });
        browser.click(By.xpath("//vaadin-multi-select-combo-box-item[normalize-space(.)='" + label + "']"));
        browser.act(input, box -> box.sendKeys(Keys.ESCAPE));
    }

    private static void inbound(String first, String last, String text) throws Exception {
        steps.inbound(first, last, "user-" + UUID.randomUUID(), text);
    }
}
