package dev.switchboard.itest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.NoSuchShadowRootException;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The website widget as a visitor sees it on a page, read through the {@code data-sb} hooks its script's header
 * comment lists: the host element in the page, everything else in its (open) shadow root. Each look-up starts again
 * from the host, because the widget draws messages anew when they change.
 */
final class WidgetPage {

    private static final Pattern TOKEN_USER = Pattern.compile("\"u\"\\s*:\\s*\"([^\"]+)\"");

    final Browser browser;
    private final String key;

    private WidgetPage(Browser browser, String key) {
        this.browser = browser;
        this.key = key;
    }

    /** Opens {@code page} (a page with the widget of connection {@code key}) and waits for the widget's bubble. */
    static WidgetPage open(Browser browser, String page, String key) {
        browser.driver.get(page);
        return on(browser, key);
    }

    /** The widget of connection {@code key} on the page the browser shows, once its bubble is there. */
    static WidgetPage on(Browser browser, String key) {
        WidgetPage widget = new WidgetPage(browser, key);
        widget.await(() -> widget.find("bubble"));
        return widget;
    }

    /** Clicks the bubble and waits for the chat panel. */
    WidgetPage openChat() {
        act("bubble", WebElement::click);
        await(() -> find("panel").filter(WebElement::isDisplayed));
        return this;
    }

    /** Types a message into the composer and sends it with Enter. */
    void write(String text) {
        act("input", input -> input.sendKeys(text, org.openqa.selenium.Keys.ENTER));
    }

    /** Waits until the visitor's own message with this text is stored (it has a server id). */
    WebElement awaitStored(String text) {
        return await(() -> message("client", text).filter(m -> m.getAttribute("data-id") != null));
    }

    /** Waits until a message of the team with this text is shown. */
    WebElement awaitTeam(String text) {
        return await(() -> message("team", text));
    }

    /** The shown messages ({@code client} or {@code team}) containing {@code text}, stored or not. */
    List<WebElement> messages(String from, String text) {
        return shadow().map(s -> s.findElements(By.cssSelector("[data-sb=message][data-from=" + from + "]")).stream()
                .filter(m -> m.getText().contains(text)).toList()).orElse(List.of());
    }

    private Optional<WebElement> message(String from, String text) {
        return messages(from, text).stream().findFirst();
    }

    /** Waits until a team message shows an image that the browser loaded (its natural width is known). */
    WebElement awaitTeamImage() {
        return await(() -> shadow().flatMap(s -> s.findElements(By.cssSelector(
                "[data-sb=message][data-from=team] [data-sb=file][data-state=ready] img")).stream()
                .filter(img -> ((Number) ((JavascriptExecutor) browser.driver).executeScript(
                        "return arguments[0].complete ? arguments[0].naturalWidth : 0;", img)).intValue() > 0)
                .findFirst()));
    }

    /** The "chat is not available" line, when shown. */
    Optional<String> status() {
        return find("status").filter(WebElement::isDisplayed).map(WebElement::getText);
    }

    /** The composer's error line, when shown. */
    Optional<String> error() {
        return find("error").filter(WebElement::isDisplayed).map(WebElement::getText);
    }

    /** Chooses a file through the widget's own file input, as the attach button's dialog would. */
    void attach(Path file) {
        act("file-input", input -> input.sendKeys(file.toAbsolutePath().toString()));
    }

    /** The uploads shown above the composer. */
    List<WebElement> uploads() {
        return shadow().map(s -> s.findElements(By.cssSelector("[data-sb=upload]"))).orElse(List.of());
    }

    /** The visitor's external user id, read from the token the widget keeps in the page's storage. */
    String visitor() {
        Object token = ((JavascriptExecutor) browser.driver).executeScript(
                "return window.localStorage.getItem(arguments[0]);", "switchboard.widget." + key);
        if (token == null) {
            throw new AssertionError("the widget keeps no token");
        }
        String payload = token.toString().split("\\.")[0];
        Matcher m = TOKEN_USER.matcher(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
        if (!m.find()) {
            throw new AssertionError("no visitor in the token " + token);
        }
        return m.group(1);
    }

    /** The element with this {@code data-sb} hook in the widget's shadow root, if there. */
    Optional<WebElement> find(String hook) {
        return shadow().flatMap(s -> s.findElements(By.cssSelector("[data-sb='" + hook + "']")).stream().findFirst());
    }

    private Optional<SearchContext> shadow() {
        try {
            List<WebElement> hosts = browser.driver.findElements(By.cssSelector("[data-sb=host]"));
            return hosts.isEmpty() ? Optional.empty() : Optional.of(hosts.get(0).getShadowRoot());
        } catch (NoSuchShadowRootException | StaleElementReferenceException e) {
            return Optional.empty();
        }
    }

    /**
     * Finds the element with this {@code data-sb} hook and does {@code action} with it in one step, tried again from
     * the look-up while the widget draws it anew or has not shown it yet (issue 12).
     */
    private void act(String hook, java.util.function.Consumer<WebElement> action) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.ElementNotInteractableException.class).until(d -> {
                    Optional<WebElement> element = find(hook);
                    element.ifPresent(action);
                    return element.isPresent();
                });
    }

    /** Waits up to 30 s for a look-up to find something. */
    <T> T await(java.util.function.Supplier<Optional<T>> lookUp) {
        return await(Duration.ofSeconds(30), lookUp);
    }

    <T> T await(Duration timeout, java.util.function.Supplier<Optional<T>> lookUp) {
        return new WebDriverWait(browser.driver, timeout).ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class).until(d -> lookUp.get().orElse(null));
    }
}
