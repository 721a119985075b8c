package dev.switchboard.itest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium and ChromeDriver (installed by .ci/run), never a browser a tool downloads. */
final class Browser implements AutoCloseable {

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

    WebElement await(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void awaitGone(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    void type(String id, String text) {
        WebElement input = await(By.cssSelector("#" + id + " input"));
        input.clear();
        input.sendKeys(text);
    }

    void logIn(String email, String password) {
        type("login-email", email);
        type("login-password", password);
        await(By.id("login-submit")).click();
    }

    /** Waits until the element is there and clickable, then clicks it. */
    void click(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /**
     * Clicks the element, looking it up again when the page drew it anew between the look-up and the click (a push
     * update of a list), until the click lands.
     */
    void clickRedrawn(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(by).click();
                    return true;
                });
    }

    /** Waits until the element's visible text contains {@code text}. */
    void awaitText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(by,
                text));
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
