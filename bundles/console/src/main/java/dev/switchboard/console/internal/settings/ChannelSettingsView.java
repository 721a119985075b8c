package dev.switchboard.console.internal.settings;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.switchboard.api.channel.ChannelType;
import dev.switchboard.api.channel.ConnectionDetails;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.error.DomainException;
import dev.switchboard.console.internal.chat.ErrorText;
import dev.switchboard.console.internal.chat.Texts;
import dev.switchboard.console.internal.i18n.ConsoleI18N;
import dev.switchboard.console.internal.ui.ConsoleSession;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's channel connections (architecture §3, §4), at {@code settings/channels}: each connection with its
 * channel, its status (connected, connecting, failing with the last error and its time, switched off), when the
 * platform last called its webhook, and the webhook address to copy; New connection, which says when no channel
 * plugin is installed. A connection's own page ({@link ConnectionView}) changes it.
 *
 * <p>Test ids: {@code channels-list}, {@code connection-<id>} (with {@code data-status}), {@code connection-link-<id>},
 * {@code connection-status-<id>}, {@code connection-error-<id>}, {@code connection-last-webhook-<id>},
 * {@code connection-webhook-url-<id>}, {@code connection-webhook-copy-<id>}, {@code connection-new},
 * {@code channels-none}, {@code channels-no-types}, {@code channels-refresh}.
 */
public final class ChannelSettingsView extends SettingsPage {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ChannelSettingsView.class);

    private final transient ConnectionService connections;
    private transient ConsoleSession viewer;

    public ChannelSettingsView(ConsoleI18N i18n, ConnectionService connections) {
        super(i18n);
        this.connections = connections;
    }

    @Override
    String titleKey() {
        return "settings.channels";
    }

    @Override
    void render(ConsoleSession viewer) {
        this.viewer = viewer;
        content.removeAll();
        Texts texts = texts();
        List<ChannelType> types;
        List<ConnectionDetails> shown;
        try {
            types = connections.types();
            shown = connections.list(viewer.member().project(), viewer.member().id());
        } catch (DomainException refused) {
            content.add(note("channels-refused", ErrorText.of(refused, texts)));
            return;
        } catch (RuntimeException e) {
            LOG.error("Member {} could not read the project's connections", viewer.member().id(), e);
            content.add(note("channels-unavailable", getTranslation("error.unavailable")));
            return;
        }
        Button create = new Button(getTranslation("channels.new"), VaadinIcon.PLUS.create(),
                click -> UI.getCurrent().navigate(ConnectionView.NEW_PATH));
        create.setId("connection-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setEnabled(!types.isEmpty());
        Button refresh = new Button(getTranslation("channels.refresh"), VaadinIcon.REFRESH.create(),
                click -> render(this.viewer));
        refresh.setId("channels-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Div tools = new Div(create, refresh);
        tools.addClassName("sb-settings-row");
        content.add(tools);
        if (types.isEmpty()) {
            content.add(note("channels-no-types", getTranslation("channels.noTypes")));
        }
        Div list = new Div();
        list.setId("channels-list");
        list.addClassName("sb-settings-list");
        if (shown.isEmpty()) {
            list.add(note("channels-none", getTranslation("channels.none")));
        }
        for (ConnectionDetails details : shown) {
            list.add(row(details, types, texts));
        }
        content.add(list);
    }

    private Div row(ConnectionDetails details, List<ChannelType> types, Texts texts) {
        String id = details.connection().id().toString();
        Anchor name = new Anchor(ConnectionView.path(details.connection().id()), details.connection().name());
        name.setId("connection-link-" + id);
        name.addClassName("sb-connection-name");
        Span type = new Span(ConnectionParts.typeName(details.connection().type(), types, texts));
        type.getElement().getThemeList().add("badge small contrast");
        Div head = new Div(name, type, ConnectionParts.status(details, texts, "connection-status-" + id));
        head.addClassName("sb-connection-head");
        Div row = new Div(head);
        ConnectionParts.lastError(details, texts, "connection-error-" + id).ifPresent(row::add);
        row.add(ConnectionParts.lastWebhook(details, texts, "connection-last-webhook-" + id));
        row.add(ConnectionParts.webhookUrl(details, texts, "connection-webhook-url-" + id,
                () -> notifications.error(getTranslation("channels.copyFailed"))));
        row.setId("connection-" + id);
        row.getElement().setAttribute("data-status", ConnectionParts.statusValue(details));
        row.addClassName("sb-connection-row");
        return row;
    }

    private static Span note(String id, String text) {
        Span note = new Span(text);
        note.setId(id);
        note.addClassName("sb-card-muted");
        return note;
    }
}
