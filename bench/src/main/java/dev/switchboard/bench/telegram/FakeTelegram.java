package dev.switchboard.bench.telegram;

import dev.switchboard.channel.telegram.fake.FakeBotApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Bot API for {@code bench/telegram.sh}: the Telegram channel's fake Bot API (the one its tests use, a
 * self-hosted server in local mode, so that the distribution's http:// webhook address is taken) in a process of
 * its own beside the distribution. It makes the bots, tells the script where it listens and the bots' tokens in
 * files, and writes each bot's webhook (its address and the connection's secret, as {@code setWebhook} gave them)
 * to a file as soon as the distribution has registered it, as Telegram would learn them. The distribution's
 * {@code getMe}, {@code setWebhook} and {@code getUserProfilePhotos} (one per new client, answered "no photo") are
 * served as Telegram would; the load itself goes from the load driver to the distribution, not through here. Runs
 * until it is killed.
 *
 * <p>Arguments: {@code --dir=FOLDER [--bots=2]}: writes {@code api} (the base URL), {@code bots} (one token a line)
 * and {@code webhook-<n>} ({@code <url> <secret>}) for bot n, counted from 1.
 */
public final class FakeTelegram {

    public static void main(String[] args) throws Exception {
        Path dir = null;
        int count = 2;
        for (String a : args) {
            String value = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("--dir=")) {
                dir = Path.of(value);
            } else if (a.startsWith("--bots=")) {
                count = Integer.parseInt(value);
            } else {
                throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("needs --dir=FOLDER");
        }
        FakeBotApi telegram = FakeBotApi.local();
        List<FakeBotApi.Bot> bots = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            bots.add(telegram.bot("bench_" + n + "_bot"));
        }
        Files.writeString(dir.resolve("bots"), String.join("\n", bots.stream().map(FakeBotApi.Bot::token).toList())
                + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("api"), telegram.url() + "\n", StandardCharsets.UTF_8);
        System.out.println("fake Bot API at " + telegram.url() + " with " + count + " bots");
        boolean[] written = new boolean[count];
        while (true) {
            for (int n = 0; n < count; n++) {
                Optional<FakeBotApi.Webhook> hook = telegram.webhook(bots.get(n).token());
                if (!written[n] && hook.isPresent()) {
                    Path file = dir.resolve("webhook-" + (n + 1));
                    Path partial = dir.resolve("webhook-" + (n + 1) + ".partial");
                    Files.writeString(partial, hook.get().url() + " " + hook.get().secret() + "\n",
                            StandardCharsets.UTF_8);
                    Files.move(partial, file);
                    written[n] = true;
                }
            }
            Thread.sleep(100);
        }
    }
}
