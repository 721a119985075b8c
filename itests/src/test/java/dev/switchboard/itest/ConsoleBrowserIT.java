package dev.switchboard.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A manager's first steps in the console, in headless Chromium, against the distribution started as an operator
 * starts it (embedded default database): log in, see the tabs, and watch a plugin's view come and go as its
 * bundle is installed, stopped and started, without reloading the page (PLAT-2, INB-2).
 */
public class ConsoleBrowserIT {

    private static KarafProcess karaf;

    @BeforeClass
    public static void startDistribution() throws Exception {
        Path home = Path.of(System.getProperty("switchboard.work"), "karaf-browser");
        karaf = KarafProcess.unpack(home, Map.of("dev.switchboard.team.cfg",
                Map.of("firstRun.ownerPassword", ExamOptions.OWNER_PASSWORD))).start();
    }

    @AfterClass
    public static void stopDistribution() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    public void INB2_ownerLogsInAndSeesTheInboxTabs() throws Exception {
        try (Browser browser = new Browser()) {
            browser.driver.get(karaf.consoleUri().toString());
            browser.logIn(ExamOptions.OWNER_EMAIL, ExamOptions.OWNER_PASSWORD);
            for (String tab : List.of("tab-new", "tab-mine", "tab-others", "tab-done", "tab-search")) {
                assertThat(browser.read(By.id(tab), WebElement::isDisplayed)).as(tab).isTrue();
            }
            browser.awaitText(By.id("tab-new"), "New");
        }
    }

    @Test
    public void INB2_theConsoleSpeaksRussianToARussianBrowser() throws Exception {
        try (Browser browser = new Browser("ru")) {
            browser.driver.get(karaf.consoleUri().toString());
            browser.awaitTextIs(By.id("login-submit"), "Войти");
            browser.logIn(ExamOptions.OWNER_EMAIL, ExamOptions.OWNER_PASSWORD);
            browser.awaitText(By.id("tab-new"), "Новые");
        }
    }

    @Test
    public void aWrongPasswordIsRefusedWithAMessage() throws Exception {
        try (Browser browser = new Browser()) {
            browser.driver.get(karaf.consoleUri().toString());
            browser.logIn(ExamOptions.OWNER_EMAIL, "not-the-password");
            assertThat(browser.textOf(By.id("login-error"))).isNotBlank();
            assertThat(browser.driver.findElements(By.id("tab-new"))).isEmpty();
        }
    }

    @Test
    public void PLAT2_pluginViewFollowsItsBundleInAnOpenPage() throws Exception {
        try (Browser browser = new Browser()) {
            browser.driver.get(karaf.consoleUri().toString());
            browser.logIn(ExamOptions.OWNER_EMAIL, ExamOptions.OWNER_PASSWORD);
            browser.await(By.id("tab-new"));
            By panelTab = By.id("tab-view-itest-panel");
            assertThat(browser.driver.findElements(panelTab)).isEmpty();

            String installed = karaf.shell("bundle:install -s file:" + ExamOptions.itestPanelJar().getAbsolutePath());
            Matcher id = Pattern.compile("Bundle ID: (\\d+)").matcher(installed);
            assertThat(id.find()).as(installed).isTrue();
            browser.await(panelTab);

            karaf.shell("bundle:stop " + id.group(1));
            browser.awaitGone(panelTab);

            karaf.shell("bundle:start " + id.group(1));
            browser.await(panelTab);

            karaf.shell("bundle:uninstall " + id.group(1));
            browser.awaitGone(panelTab);
            // The page stayed the same page: the inbox is still there, no reload happened.
            assertThat(browser.read(By.id("tab-new"), WebElement::isDisplayed)).isTrue();
        }
    }

    @Test
    public void theLogHasNoErrors() throws Exception {
        assertThat(KarafLog.problems(karaf.log())).isEmpty();
    }
}
