package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.chat.MessageKind;
import dev.switchboard.api.chat.Origin;
import dev.switchboard.console.internal.chat.Names;
import dev.switchboard.console.internal.chat.SystemEventText;
import dev.switchboard.console.internal.chat.Texts;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One line of a chat's history (MSG-1..4): the client's messages on the left, the team's on the right, notes on
 * yellow with a "Note" label (MSG-3), system messages as small grey centred text rendered from their typed event
 * in the reader's language (MSG-4), and outbound delivery state with Retry for failed ones. Test ids:
 * {@code message-<id>} with {@code data-kind}, {@code data-delivery} for outbound, {@code retry-<id>}.
 */
final class MessageRow extends Div {

    private static final long serialVersionUID = 1L;

    private final Div meta = new Div();
    private final transient Texts texts;
    private final transient Names names;
    private final transient Consumer<Message> retry;
    private final boolean mayRetry;
    private Message message;

    MessageRow(Message message, Texts texts, Names names, boolean mayRetry, Consumer<Message> retry) {
        this.texts = texts;
        this.names = names;
        this.mayRetry = mayRetry;
        this.retry = retry;
        this.message = message;
        setId("message-" + message.id());
        String kind = message.kind().name().toLowerCase(Locale.ROOT);
        getElement().setAttribute("data-kind", kind);
        addClassNames("sb-message", "sb-message-" + kind);
        if (message.kind() == MessageKind.SYSTEM) {
            Span text = new Span(message.event().map(event -> SystemEventText.render(event, names, texts))
                    .orElse(message.text()));
            text.addClassName("sb-system-text");
            add(text);
            return;
        }
        Div bubble = new Div();
        bubble.addClassName("sb-bubble");
        if (message.kind() == MessageKind.NOTE) {
            Span label = new Span(texts.text("chat.message.note"));
            label.addClassName("sb-note-label");
            bubble.add(label);
        }
        Div body = new Div();
        body.addClassName("sb-text");
        body.setText(message.text());
        bubble.add(body);
        meta.addClassName("sb-meta");
        bubble.add(meta);
        add(bubble);
        renderMeta();
    }

    Message message() {
        return message;
    }

    /** Shows a newer state of the same message (its delivery moved on). */
    void update(Message newer) {
        if (!newer.equals(message)) {
            message = newer;
            renderMeta();
        }
    }

    private void renderMeta() {
        meta.removeAll();
        String when = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(texts.locale())
                .withZone(ZoneId.systemDefault()).format(message.at());
        StringBuilder line = new StringBuilder();
        message.author().flatMap(names::member).ifPresent(name -> line.append(name).append(" · "));
        if (message.kind() == MessageKind.OUTBOUND && message.origin().orElse(Origin.MANAGER) != Origin.MANAGER) {
            line.append(texts.text(message.origin().get() == Origin.AUTOMATION
                    ? "chat.message.automation" : "chat.message.broadcast")).append(" · ");
        }
        line.append(when);
        meta.add(new Span(line.toString()));
        if (message.kind() != MessageKind.OUTBOUND) {
            return;
        }
        DeliveryState state = message.delivery().orElse(DeliveryState.QUEUED);
        getElement().setAttribute("data-delivery", state.name().toLowerCase(Locale.ROOT));
        Span delivery = new Span();
        delivery.addClassName("sb-delivery");
        delivery.getElement().setAttribute("data-state", state.name().toLowerCase(Locale.ROOT));
        switch (state) {
            case QUEUED -> {
                delivery.add(VaadinIcon.CLOCK.create());
                delivery.add(new Span(texts.text("chat.delivery.queued")));
            }
            case SENT -> {
                delivery.add(VaadinIcon.CHECK.create());
                delivery.add(new Span(texts.text("chat.delivery.sent")));
            }
            case DELIVERED -> {
                delivery.add(VaadinIcon.CHECK_CIRCLE.create());
                delivery.add(new Span(texts.text("chat.delivery.delivered")));
            }
            case READ -> {
                delivery.add(VaadinIcon.EYE.create());
                delivery.add(new Span(texts.text("chat.delivery.read")));
            }
            case FAILED -> {
                delivery.add(VaadinIcon.WARNING.create());
                delivery.add(new Span(texts.text("chat.delivery.failed", message.failure().orElse("?"))));
            }
        }
        delivery.getChildren().filter(Icon.class::isInstance)
                .forEach(icon -> icon.getElement().getStyle().set("width", "0.9em").set("height", "0.9em"));
        meta.add(delivery);
        if (state == DeliveryState.FAILED && mayRetry) {
            Button again = new Button(texts.text("chat.delivery.retry"), click -> retry.accept(message));
            again.setId("retry-" + message.id());
            again.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY_INLINE,
                    ButtonVariant.LUMO_ERROR);
            meta.add(again);
        }
    }
}
