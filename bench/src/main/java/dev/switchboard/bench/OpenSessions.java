package dev.switchboard.bench;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens N console pages, each in its own headless Chromium (so each is a session of its own), optionally logs
 * each in, and keeps them open until this process gets a line on standard input. Used by bench/startup.sh to
 * measure the heap that open sessions cost.
 *
 * <p>Arguments: console URL, number of sessions, and optionally e-mail and password to log in with.
 */
public final class OpenSessions {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        List<WebDriver> drivers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ChromeOptions options = new ChromeOptions();
                options.setBinary("/usr/bin/chromium");
                options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--user-data-dir=" + Files.createTempDirectory("bench-chromium"));
                WebDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
                drivers.add(driver);
                driver.get(url);
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#login-email input")));
                if (args.length >= 4) {
                    driver.findElement(By.cssSelector("#login-email input")).sendKeys(args[2]);
                    driver.findElement(By.cssSelector("#login-password input")).sendKeys(args[3]);
                    driver.findElement(By.id("login-submit")).click();
                    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tab-new")));
                }
            }
            System.out.println("open sessions: " + drivers.size());
            System.out.flush();
            System.in.read();
        } finally {
            drivers.forEach(WebDriver::quit);
        }
    }
}
