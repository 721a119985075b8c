package dev.switchboard.channel.widget.internal.console;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextArea;
import dev.switchboard.api.channel.ConnectionDetails;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.error.DomainException;
import dev.switchboard.channel.widget.internal.Texts;
import dev.switchboard.channel.widget.internal.connector.WidgetConnector;
import dev.switchboard.channel.widget.internal.connector.WidgetSettings;
import dev.switchboard.console.api.ConsolePanel;
import dev.switchboard.console.api.PanelContext;
import dev.switchboard.console.api.Slots;
import java.util.Locale;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;

/**
 * Under a widget connection's settings form (issue 10, "Console and demo"): the snippet to copy into the site, built
 * from the connection's key and the installation's public address, and how identity verification works. The form
 * itself (origins, pre-chat fields, tool, colours, greeting, texts) the console draws from the connector's settings.
 * The connection's address is read through {@link ConnectionService#details}, as the viewer: only owners and admins
 * reach this page, and anyone else would see a note instead.
 *
 * <p>Test ids: {@code widget-snippet} (the text area, also with {@code data-snippet}), {@code widget-snippet-copy},
 * {@code widget-identity}, {@code widget-snippet-unavailable}.
 */
@org.osgi.service.component.annotations.Component(service = ConsolePanel.class)
@ConsolePanel.Slot(Slots.CONNECTION)
@ConsolePanel.Order(100)
public final class SnippetPanel implements ConsolePanel {

    static final String KEY = "widget-snippet";
    private static final String COPY = """
            const text = $0, field = $1;
            return (async () => {
              try {
                if (navigator.clipboard && window.isSecureContext) {
                  await navigator.clipboard.writeText(text);
                  return true;
                }
              } catch (e) {
                // fall back to selecting the field
              }
              const input = field && field.inputElement;
              if (!input) { return false; }
              input.focus();
              input.select();
              try { return document.execCommand('copy'); } catch (e) { return false; }
            })();
            """;

    private final ConnectionService connections;

    @Activate
    public SnippetPanel(@Reference ConnectionService connections) {
        this.connections = connections;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title(Locale locale) {
        return Texts.of(locale).text("panel.title");
    }

    @Override
    public boolean visibleFor(PanelContext context) {
        return context.connection().map(c -> WidgetConnector.TYPE.equals(c.type())).orElse(false);
    }

    @Override
    public Component create(PanelContext context) {
        Texts texts = Texts.of(context.locale());
        Div panel = new Div();
        panel.addClassName("sb-widget-snippet");
        Optional<ConnectionDetails> details = context.connection().flatMap(c -> {
            try {
                return Optional.of(connections.details(c.id(), context.viewer().id()));
            } catch (DomainException e) {
                return Optional.empty();
            }
        });
        Optional<Snippet> snippet = details.flatMap(d -> Snippet.fromWebhook(d.webhookUrl()));
        if (snippet.isEmpty()) {
            Paragraph note = new Paragraph(texts.text("panel.unavailable"));
            note.setId("widget-snippet-unavailable");
            panel.add(note);
            return panel;
        }
        String tag = snippet.get().scriptTag();
        TextArea area = new TextArea(texts.text("panel.snippet.label"));
        area.setId(KEY);
        area.setReadOnly(true);
        area.setValue(tag);
        area.setWidthFull();
        area.getElement().setAttribute("data-snippet", tag);
        Button copy = new Button(texts.text("panel.copy"), VaadinIcon.COPY_O.create());
        copy.setId("widget-snippet-copy");
        copy.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        copy.addClickListener(click -> copy.getElement().executeJs(COPY, tag, area.getElement())
                .then(Boolean.class, copied -> {
                    if (Boolean.TRUE.equals(copied)) {
                        Notification.show(texts.text("panel.copied"), 2500, Notification.Position.BOTTOM_START)
                                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    } else {
                        Notification.show(texts.text("panel.copyFailed"), 4000, Notification.Position.BOTTOM_START);
                    }
                }));
        panel.add(new Paragraph(texts.text("panel.snippet")), area, copy,
                new Paragraph(texts.text("panel.snippet.options")), new Paragraph(texts.text("panel.origins")));

        Div identity = new Div();
        identity.setId("widget-identity");
        identity.add(new H4(texts.text("panel.identity.title")), new Paragraph(texts.text("panel.identity.text")),
                new Pre(identityExample()));
        if (!details.get().secretsSet().contains(WidgetSettings.IDENTITY_SECRET)) {
            identity.add(new Paragraph(texts.text("panel.identity.off")));
        }
        panel.add(identity);
        return panel;
    }

    /** What a site's backend does, in two common languages, and the attributes the page then carries. */
    static String identityExample() {
        return """
                // Node.js
                const hash = require('crypto').createHmac('sha256', IDENTITY_SECRET).update(userId).digest('hex');
                # Python
                hash = hmac.new(IDENTITY_SECRET.encode(), user_id.encode(), hashlib.sha256).hexdigest()
                <!-- the page -->
                <script async src="…/widget/widget.js" data-key="…"
                        data-user-id="42" data-user-hash="<hash>"></script>""";
    }
}
