package dev.switchboard.channel.telegram.internal.console;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ConnectionContext;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.channel.LiveConnections;
import dev.switchboard.api.error.DomainException;
import dev.switchboard.channel.telegram.internal.TelegramConnector;
import dev.switchboard.channel.telegram.internal.botapi.BotAnswer;
import dev.switchboard.channel.telegram.internal.botapi.BotApi;
import dev.switchboard.channel.telegram.internal.botapi.BotHttp;
import dev.switchboard.console.api.ConsolePanel;
import dev.switchboard.console.api.PanelContext;
import dev.switchboard.console.api.Slots;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Under a Telegram connection's settings form (issue 11): which bot the token belongs to, as {@code getMe} tells
 * it, and the link clients open to write to it ({@code https://t.me/<username>}), with how a link names where the
 * client came from ({@code ?start=<name>}, recorded as the acquisition source, CARD-8). The viewer's right to the
 * connection is checked through {@link ConnectionService#details} (owners and admins); the token is read through
 * {@link LiveConnections}, so a switched-off connection shows a note instead. The Bot API is asked when the page is
 * drawn, with the client's timeouts: it is a settings page, opened now and then.
 *
 * <p>Test ids: {@code telegram-bot} (the bot's name and username, also with {@code data-username}),
 * {@code telegram-bot-link}, {@code telegram-bot-unavailable}.
 */
@org.osgi.service.component.annotations.Component(service = ConsolePanel.class)
@ConsolePanel.Slot(Slots.CONNECTION)
@ConsolePanel.Order(100)
public final class BotPanel implements ConsolePanel {

    static final String KEY = "telegram-bot";
    private static final Logger LOG = LoggerFactory.getLogger(BotPanel.class);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{3,64}");

    private final ConnectionService connections;
    private final LiveConnections live;
    private final BotHttp http;

    @Activate
    public BotPanel(@Reference ConnectionService connections, @Reference LiveConnections live,
                    @Reference BotHttp http) {
        this.connections = connections;
        this.live = live;
        this.http = http;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title(Locale locale) {
        return ru(locale) ? "Бот Telegram" : "Telegram bot";
    }

    @Override
    public boolean visibleFor(PanelContext context) {
        return context.connection().map(c -> TelegramConnector.TYPE.equals(c.type())).orElse(false);
    }

    @Override
    public Component create(PanelContext context) {
        boolean ru = ru(context.locale());
        Div panel = new Div();
        panel.addClassName("sb-telegram-bot");
        Optional<ConnectionContext> connection = context.connection().filter(c -> mayManage(c, context))
                .flatMap(c -> live.byId(c.id()));
        if (connection.isEmpty()) {
            return note(panel, ru ? "Бот показывается, когда подключение включено."
                    : "The bot is shown while the connection is switched on.");
        }
        BotApi bot = http.bot(connection.get());
        BotAnswer me;
        try {
            me = bot.call("getMe", Map.of());
        } catch (IOException e) {
            LOG.info("The Bot API at {} did not answer for {}: {}", bot.api(), connection.get(), e.getMessage());
            return note(panel, (ru ? "Telegram не ответил: " : "Telegram did not answer: ") + e.getMessage());
        }
        String username = me.result().path("username").asText("");
        if (!me.ok() || !USERNAME.matcher(username).matches()) {
            return note(panel, (ru ? "Telegram не назвал бота: " : "Telegram did not name the bot: ") + me.reason());
        }
        Paragraph name = new Paragraph((ru ? "Бот " : "Bot ") + me.result().path("first_name").asText(username)
                + " (@" + username + ")");
        name.setId("telegram-bot");
        name.getElement().setAttribute("data-username", username);
        Anchor link = new Anchor("https://t.me/" + username, "t.me/" + username, AnchorTarget.BLANK);
        link.setId("telegram-bot-link");
        Paragraph open = new Paragraph(ru ? "Клиенты пишут боту по ссылке " : "Clients write to the bot at ");
        open.add(link);
        Paragraph start = new Paragraph(ru
                ? "Ссылка вида https://t.me/" + username + "?start=promo (латинские буквы, цифры, _ и -) записывает "
                        + "«promo» в карточку клиента как источник обращения."
                : "A link such as https://t.me/" + username + "?start=promo (letters, digits, _ and -) records "
                        + "\"promo\" on the client's card as where they came from.");
        panel.add(name, open, start);
        return panel;
    }

    /** Whether the viewer may see the connection's settings: the core's rule, asked as the viewer. */
    private boolean mayManage(ChannelConnection connection, PanelContext context) {
        try {
            connections.details(connection.id(), context.viewer().id());
            return true;
        } catch (DomainException e) {
            return false;
        }
    }

    private static Component note(Div panel, String text) {
        Paragraph note = new Paragraph(text);
        note.setId("telegram-bot-unavailable");
        panel.add(note);
        return panel;
    }

    private static boolean ru(Locale locale) {
        return "ru".equals(locale.getLanguage());
    }
}
