package dev.switchboard.channel.telegram.internal.botapi;

import dev.switchboard.api.channel.SettingField;
import java.util.List;

/** A Telegram connection's settings: the bot's token from @BotFather, and the Bot API server's address. */
public final class Settings {

    public static final String TOKEN = "token";
    public static final String API = "api";

    /** What the console's connection form shows. */
    public static final List<SettingField> FIELDS = List.of(
            SettingField.of(TOKEN, SettingField.Type.SECRET, true, "Bot token", "Токен бота")
                    .withHelp("From @BotFather in Telegram: /newbot, or /token for an existing bot",
                            "Выдаёт @BotFather в Telegram: /newbot или /token для существующего бота"),
            SettingField.of(API, SettingField.Type.URL, false, "Bot API server", "Сервер Bot API")
                    .withHelp("Leave as it is unless you run your own Bot API server",
                            "Оставьте как есть, если у вас нет своего сервера Bot API")
                    .withDefault(BotHttp.DEFAULT_API));

    private Settings() {
    }
}
