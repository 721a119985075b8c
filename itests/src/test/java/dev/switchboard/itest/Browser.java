package dev.switchboard.itest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium and ChromeDriver (installed by .ci/run), never a browser a tool downloads.
 *
 * <p>The console draws parts of a page anew whenever a push update arrives (a chat list, a chat window, a card), so
 * an element found a moment ago may be gone, covered or not yet ready by the time a step touches it. Steps therefore
 * go through {@link #act}, {@link #read} and {@link #until}: each looks the element up and uses it in one try, and
 * tries again from the look-up while the page is being drawn, within {@link #PATIENCE}. No step keeps a
 * {@link WebElement} across a wait, a click or an update; {@link #await} returns one only for a look at it at once.
 */
final class Browser implements AutoCloseable {

    /** How long a step waits for the page to show what it expects; push updates arrive well within it. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    /** What a redraw does to an element being touched: the step is tried again from the look-up. */
    private static final List<Class<? extends Throwable>> REDRAWN = List.of(StaleElementReferenceException.class,
            ElementClickInterceptedException.class, ElementNotInteractableException.class);

    final WebDriver driver;

    Browser() throws IOException {
        this("en-US");
    }

    /** A browser whose preferred language (Accept-Language) is {@code language}. */
    Browser(String language) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,900", "--lang=" + language,
                "--user-data-dir=" + Files.createTempDirectory("switchboard-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    /**
     * Waits until the element is shown. The element returned is for a look at once: a step that acts on it or reads
     * it later goes through {@link #act} or {@link #read}.
     */
    WebElement await(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void awaitGone(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    /** Waits until the element is there and clickable, then clicks it, looking it up afresh on each try. */
    void click(By by) {
        act(by, element -> {
            if (!element.isEnabled()) {
                throw new ElementNotInteractableException(by + " is disabled");
            }
            element.click();
        });
    }

    /** {@link #click}, under the name the tests used while only some clicks were retried. */
    void clickRedrawn(By by) {
        click(by);
    }

    /**
     * Clicks the first shown element of those found: overlays (a drop-down's items, a dialog's buttons) keep hidden
     * copies in the page.
     */
    void clickShown(By by) {
        until("a shown " + by + " to click", d -> {
            for (WebElement element : d.findElements(by)) {
                if (element.isDisplayed()) {
                    element.click();
                    return true;
                }
            }
            return false;
        });
    }

    /** Types {@code text} into the Vaadin field with this id, replacing what it held. */
    void type(String id, String text) {
        act(By.cssSelector("#" + id + " input"), input -> {
            input.clear();
            input.sendKeys(text);
        });
    }

    void logIn(String email, String password) {
        type("login-email", email);
        type("login-password", password);
        click(By.id("login-submit"));
    }

    /**
     * Finds the shown element and does {@code action} with it in one step, tried again from the look-up when the
     * page drew the element anew, covered it or had not made it usable yet. The action must be one that either
     * happens or fails before it starts (a click, keys that replace a field's text), so that trying again is safe.
     */
    void act(By by, Consumer<WebElement> action) {
        until("to act on " + by, d -> {
            WebElement element = d.findElement(by);
            if (!element.isDisplayed()) {
                return false;
            }
            action.accept(element);
            return true;
        });
    }

    /** What {@code reading} gets from the shown element, read afresh when the page drew it anew meanwhile. */
    <T> T read(By by, Function<WebElement, T> reading) {
        return until("to read " + by, d -> {
            WebElement element = d.findElement(by);
            return element.isDisplayed() ? Optional.ofNullable(reading.apply(element)) : null;
        }).orElse(null);
    }

    /** The shown element's visible text, read afresh when the page drew it anew meanwhile. */
    String textOf(By by) {
        return read(by, WebElement::getText);
    }

    /** The shown element's attribute (or property), {@code null} when it has none. */
    String attribute(By by, String name) {
        return read(by, element -> element.getAttribute(name));
    }

    /** Waits until the element's visible text contains {@code text}. */
    void awaitText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(by,
                text));
    }

    /** Waits until the element's visible text is exactly {@code text}. */
    void awaitTextIs(By by, String text) {
        until(ExpectedConditions.textToBe(by, text));
    }

    /** Waits until the element's attribute (or property) is exactly {@code value}; a missing one counts as "". */
    void awaitAttribute(By by, String name, String value) {
        until(by + " with " + name + "=\"" + value + "\"",
                d -> value.equals(Optional.ofNullable(d.findElement(by).getAttribute(name)).orElse("")));
    }

    /** Waits until no element is found any more (not merely hidden). */
    void awaitAbsent(By by) {
        until(ExpectedConditions.numberOfElementsToBe(by, 0));
    }

    /**
     * Waits until {@code condition} gives a value other than {@code null} or {@code false} and returns it; a
     * condition that met an element as it was drawn anew is tried again.
     */
    <T> T until(Function<? super WebDriver, T> condition) {
        return until(null, condition);
    }

    private <T> T until(String what, Function<? super WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, PATIENCE);
        wait.ignoreAll(REDRAWN);
        if (what != null) {
            wait.withMessage("waiting " + what);
        }
        return wait.until(condition);
    }

    /** Saves what the browser shows as a PNG file in {@code dir}, for a person to look at. */
    void screenshot(java.nio.file.Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
        Files.write(dir.resolve(name + ".png"), png);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
