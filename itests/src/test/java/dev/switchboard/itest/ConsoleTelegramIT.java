package dev.switchboard.itest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.channel.telegram.fake.FakeBotApi;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The Telegram channel's panel on a connection's page in the console (issue 11, architecture §4), in headless
 * Chromium against the distribution started as an operator starts it, with a fake Bot API beside it: the panel names
 * the bot as Telegram's getMe tells it and links to it; when the operator uninstalls the channel's feature the panel
 * leaves the open page, and when the feature is installed again it comes back, without a reload.
 */
public class ConsoleTelegramIT {

    private static KarafProcess karaf;
    private static FakeBotApi telegram;

    @BeforeClass
    public static void startDistribution() throws Exception {
        telegram = FakeBotApi.local();
        Path home = Path.of(System.getProperty("switchboard.work"), "karaf-telegram");
        karaf = KarafProcess.unpack(home, Map.of("dev.switchboard.team.cfg",
                Map.of("firstRun.ownerPassword", ExamOptions.OWNER_PASSWORD))).start();
    }

    @AfterClass
    public static void stopDistribution() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
        if (telegram != null) {
            telegram.close();
        }
    }

    @Test
    public void architecture4_theBotPanelLeavesAndReturnsWithItsFeature_inAnOpenConsoleWithoutAReload()
            throws Exception {
        FakeBotApi.Bot bot = telegram.bot("corner_shop_bot");
        long project = ConsoleSteps.firstNumber(karaf.shell("switchboard:project-list"), "^\\s*(\\d+)\\s*\\|");
        long owner = ConsoleSteps.firstNumber(karaf.shell("switchboard:member-list " + project),
                "^\\s*(\\d+)\\s*\\|\\s*" + Pattern.quote(ExamOptions.OWNER_EMAIL));
        long connection = ConsoleSteps.firstNumber(karaf.shell("switchboard:connection-create " + project + " "
                + owner + " telegram corner-shop token=" + bot.token() + " api=" + telegram.url()),
                "Created connection (\\d+)");
        assertThat(telegram.webhook(bot.token())).as("connected: the webhook is set").isPresent();

        try (Browser browser = new Browser()) {
            browser.driver.get(karaf.consoleUri().toString());
            browser.logIn(ExamOptions.OWNER_EMAIL, ExamOptions.OWNER_PASSWORD);
            browser.await(By.id("tab-new"));
            browser.driver.get(karaf.consoleUri().resolve("settings/channels/" + connection).toString());
            browser.awaitText(By.id("telegram-bot"), "@corner_shop_bot");
            assertThat(browser.attribute(By.id("telegram-bot-link"), "href"))
                    .isEqualTo("https://t.me/corner_shop_bot");
            // a mark in this page's window: a reload would lose it
            ((JavascriptExecutor) browser.driver).executeScript("window.switchboardTelegramMark = 'same page';");

            karaf.shell("feature:uninstall switchboard-channel-telegram");
            browser.awaitGone(By.id("telegram-bot"));
            browser.await(By.id("connection-status"));

            karaf.shell("feature:install switchboard-channel-telegram");
            browser.awaitText(By.id("telegram-bot"), "@corner_shop_bot");
            assertThat(((JavascriptExecutor) browser.driver).executeScript("return window.switchboardTelegramMark;"))
                    .as("the page was never reloaded").isEqualTo("same page");
        }
    }

    @Test
    public void theLogHasNoErrors() throws Exception {
        assertThat(KarafLog.problems(karaf.log())).isEmpty();
    }
}
