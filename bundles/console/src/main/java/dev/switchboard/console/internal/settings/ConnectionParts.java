package dev.switchboard.console.internal.settings;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextField;
import dev.switchboard.api.channel.ChannelType;
import dev.switchboard.api.channel.ConnectionDetails;
import dev.switchboard.api.channel.ConnectionStatus;
import dev.switchboard.console.internal.card.SourceText;
import dev.switchboard.console.internal.chat.Texts;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the Channels list and a connection's page both show of a connection (architecture §3, §4): its status in
 * words, the last error with its time, when the platform last called, and the webhook address with a copy button.
 */
final class ConnectionParts {

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

    private ConnectionParts() {
    }

    /** {@code pending}, {@code connected}, {@code failing} or {@code disabled}: the rows' {@code data-status}. */
    static String statusValue(ConnectionDetails details) {
        return details.status().state().name().toLowerCase(Locale.ROOT);
    }

    static Span status(ConnectionDetails details, Texts texts, String id) {
        ConnectionStatus.State state = details.status().state();
        Span badge = new Span(texts.text("channels.status." + state.name().toLowerCase(Locale.ROOT)));
        badge.setId(id);
        badge.getElement().setAttribute("data-status", statusValue(details));
        badge.getElement().getThemeList().add(switch (state) {
            case CONNECTED -> "badge small success";
            case FAILING -> "badge small error";
            case PENDING -> "badge small";
            case DISABLED -> "badge small contrast";
        });
        return badge;
    }

    /** The last error with its time, while the connection is failing; the connector's words, as they came. */
    static Optional<Component> lastError(ConnectionDetails details, Texts texts, String id) {
        ConnectionStatus status = details.status();
        if (status.state() != ConnectionStatus.State.FAILING || status.lastError().isEmpty()) {
            return Optional.empty();
        }
        String when = status.lastErrorAt().map(at -> SourceText.dateTime(at, texts.locale())).orElse("?");
        Div error = new Div(VaadinIcon.WARNING.create(),
                new Span(texts.text("channels.lastError", when, status.lastError().get())));
        error.setId(id);
        error.addClassName("sb-connection-error");
        return Optional.of(error);
    }

    static Span lastWebhook(ConnectionDetails details, Texts texts, String id) {
        Span webhook = new Span(details.status().lastWebhook()
                .map(at -> texts.text("channels.lastWebhook", SourceText.dateTime(at, texts.locale())))
                .orElseGet(() -> texts.text("channels.noWebhook")));
        webhook.setId(id);
        webhook.addClassName("sb-connection-webhook-time");
        return webhook;
    }

    /** The webhook address in a read-only field (selectable) with a copy button. */
    static Div webhookUrl(ConnectionDetails details, Texts texts, String id, Runnable onError) {
        TextField url = new TextField();
        url.setId(id);
        url.setReadOnly(true);
        url.setValue(details.webhookUrl().toString());
        url.getElement().setAttribute("data-url", details.webhookUrl().toString());
        url.setAriaLabel(texts.text("channels.webhookUrl"));
        url.setTooltipText(texts.text("channels.webhookUrl"));
        url.addClassName("sb-webhook-url");
        Button copy = new Button(texts.text("channels.copy"), VaadinIcon.COPY_O.create());
        copy.setId(id.replace("-webhook-url", "-webhook-copy"));
        copy.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        copy.addClickListener(click -> copy.getElement().executeJs(COPY, url.getValue(), url.getElement())
                .then(Boolean.class, copied -> {
                    if (Boolean.TRUE.equals(copied)) {
                        Notification done = Notification.show(texts.text("channels.copied"), 2500,
                                Notification.Position.BOTTOM_START);
                        done.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    } else {
                        onError.run();
                    }
                }));
        Div line = new Div(url, copy);
        line.addClassName("sb-webhook-line");
        return line;
    }

    /** The type's name in the reader's language; a type whose plugin is gone is named by its key and marked. */
    static String typeName(String type, List<ChannelType> installed, Texts texts) {
        return installed.stream().filter(t -> t.type().equals(type)).findFirst()
                .map(t -> t.name(texts.locale()))
                .orElseGet(() -> texts.text("channels.typeMissing", type));
    }
}
