package dev.switchboard.console.internal.card;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.switchboard.api.chat.ContactChats;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.chat.MessageKind;
import dev.switchboard.api.chat.RequestSummary;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.error.DomainException;
import dev.switchboard.console.internal.chat.ErrorText;
import dev.switchboard.console.internal.chat.Names;
import dev.switchboard.console.internal.chat.SystemEventText;
import dev.switchboard.console.internal.chat.Texts;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The part of the history one request spans (CARD-7, CARD-9), oldest first, read page by page from
 * {@link ContactChats#requestHistory}. Test ids: {@code card-request-dialog}, {@code request-message-<id>} with
 * {@code data-kind}, {@code request-more}.
 */
final class RequestDialog extends Dialog {

    private static final long serialVersionUID = 1L;
    private static final int PAGE = 50;

    private final RequestSummary request;
    private final transient MemberId viewer;
    private final transient ContactChats chats;
    private final transient Names names;
    private final transient Texts texts;
    private final transient Consumer<String> errors;
    private final Div messages = new Div();
    private final Button more = new Button();
    private Optional<String> next = Optional.empty();

    RequestDialog(RequestSummary request, MemberId viewer, ContactChats chats, Names names, Texts texts,
                  Consumer<String> errors) {
        this.request = request;
        this.viewer = viewer;
        this.chats = chats;
        this.names = names;
        this.texts = texts;
        this.errors = errors;
        setId("card-request-dialog");
        addClassName("sb-request-dialog");
        setHeaderTitle(texts.text("card.request.title", SourceText.dateTime(request.openedAt(), texts.locale())));
        messages.addClassName("sb-request-history");
        more.setText(texts.text("card.request.more"));
        more.setId("request-more");
        more.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        more.addClickListener(click -> load());
        add(messages, more);
        Button close = new Button(texts.text("card.close"), click -> close());
        close.setId("request-close");
        getFooter().add(close);
        setWidth("36rem");
        setMaxHeight("80vh");
        load();
    }

    private void load() {
        Page<Message> page;
        try {
            page = chats.requestHistory(request.id(), viewer, next, PAGE);
        } catch (DomainException e) {
            errors.accept(ErrorText.of(e, texts));
            more.setVisible(false);
            return;
        }
        for (Message message : page.items()) {
            messages.add(row(message));
        }
        if (messages.getComponentCount() == 0) {
            Span empty = new Span(texts.text("chat.history.empty"));
            empty.addClassName("sb-card-muted");
            messages.add(empty);
        }
        next = page.next();
        more.setVisible(next.isPresent());
    }

    private Div row(Message message) {
        String kind = message.kind().name().toLowerCase(Locale.ROOT);
        Span when = new Span(SourceText.dateTime(message.at(), texts.locale()));
        when.addClassName("sb-card-when");
        Div head = new Div(when);
        head.addClassName("sb-request-message-head");
        message.author().flatMap(names::member).ifPresent(author -> head.add(new Span(author)));
        if (message.kind() == MessageKind.NOTE) {
            head.add(new Span(texts.text("chat.message.note")));
        }
        String text = message.event().map(event -> SystemEventText.render(event, names, texts))
                .orElse(message.text());
        Div body = new Div(new Span(text));
        body.addClassName("sb-request-message-text");
        if (!message.attachments().isEmpty()) {
            // the files by name only: the chat window shows them; a file-only message is not left blank here
            Span files = new Span(texts.text("card.request.files", message.attachments().stream()
                    .map(file -> file.name().isBlank() ? texts.text("chat.attachment.unnamed") : file.name())
                    .collect(Collectors.joining(", "))));
            files.addClassName("sb-request-message-files");
            body.add(files);
        }
        Div row = new Div(head, body);
        row.setId("request-message-" + message.id());
        row.getElement().setAttribute("data-kind", kind);
        row.addClassName("sb-request-message");
        row.addClassName("sb-request-" + kind);
        return row;
    }
}
