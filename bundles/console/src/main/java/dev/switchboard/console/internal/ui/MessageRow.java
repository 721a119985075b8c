package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.dom.Element;
import dev.switchboard.api.chat.Attachment;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.api.chat.MessageKind;
import dev.switchboard.api.chat.Origin;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.console.internal.chat.FileSizes;
import dev.switchboard.console.internal.chat.Names;
import dev.switchboard.console.internal.chat.SystemEventText;
import dev.switchboard.console.internal.chat.Texts;
import dev.switchboard.console.internal.files.FileUrls;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One line of a chat's history (MSG-1..4): the client's messages on the left, the team's on the right, notes on
 * yellow with a "Note" label (MSG-3), system messages as small grey centred text rendered from their typed event
 * in the reader's language (MSG-4), outbound delivery state (queued, sent, delivered, read, failed with the reason
 * and Retry).
 *
 * <p>Files (MSG-1, MSG-2): pictures as thumbnails that open in full size in a new tab, videos in a player that
 * loads only their metadata until played, everything else as a row with name, size and a download link; a file
 * the core is still fetching from the platform reads "Receiving file…", one it could not get shows why. Every file
 * address is the console's own ({@link FileUrls}). A client's edit is marked "edited"; the team can open the
 * original text under it. Names and texts from clients are only ever set as text, never as HTML.
 *
 * <p>Test ids: {@code message-<id>} with {@code data-kind}, {@code data-delivery} for outbound ({@code queued},
 * {@code sent}, {@code delivered}, {@code read}, {@code failed}), {@code retry-<id>},
 * {@code attachment-<id>-<position>} (position from 0, in the message's order) with {@code data-state}
 * ({@code pending}, {@code ready}, {@code failed}, {@code refused}) and {@code data-kind} ({@code image},
 * {@code video}, {@code audio}, {@code file}), {@code edited-<id>}, {@code original-<id>}.
 */
final class MessageRow extends Div {

    private static final long serialVersionUID = 1L;

    private final transient Texts texts;
    private final transient Names names;
    private final transient Consumer<Message> retry;
    private final boolean mayRetry;
    private final Div bubble = new Div();
    private transient Message message;

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
        bubble.addClassName("sb-bubble");
        add(bubble);
        render();
    }

    Message message() {
        return message;
    }

    /** Shows a newer state of the same message: its delivery moved on, the client edited it, a file arrived. */
    void update(Message newer) {
        if (!newer.equals(message)) {
            message = newer;
            if (message.kind() != MessageKind.SYSTEM) {
                render();
            }
        }
    }

    private void render() {
        bubble.removeAll();
        if (message.kind() == MessageKind.NOTE) {
            Span label = new Span(texts.text("chat.message.note"));
            label.addClassName("sb-note-label");
            bubble.add(label);
        }
        if (!message.attachments().isEmpty()) {
            Div files = new Div();
            files.addClassName("sb-attachments");
            List<Attachment> attachments = message.attachments();
            for (int position = 0; position < attachments.size(); position++) {
                files.add(attachment(attachments.get(position), position));
            }
            bubble.add(files);
        }
        if (!message.text().isEmpty()) {
            Div body = new Div();
            body.addClassName("sb-text");
            body.setText(message.text());
            bubble.add(body);
        }
        Div original = original();
        if (original != null) {
            bubble.add(original);
        }
        bubble.add(meta(original));
    }

    // ----- files

    private Component attachment(Attachment file, int position) {
        Div box = new Div();
        box.setId("attachment-" + message.id() + "-" + position);
        box.addClassName("sb-attachment");
        String kind = file.kind().name().toLowerCase(Locale.ROOT);
        box.getElement().setAttribute("data-kind", kind);
        box.getElement().setAttribute("data-state", file.state().name().toLowerCase(Locale.ROOT));
        boolean ready = file.state() == Attachment.State.READY && file.file().isPresent();
        if (!ready) {
            box.addClassName("sb-attachment-missing");
            box.add(icon(file.state() == Attachment.State.PENDING ? VaadinIcon.CLOCK : VaadinIcon.WARNING));
            Span name = new Span();
            name.setText(shownName(file));
            name.addClassName("sb-attachment-name");
            Span state = new Span(file.state() == Attachment.State.PENDING ? texts.text("chat.attachment.receiving")
                    : file.problem().filter(problem -> !problem.isBlank())
                    .map(problem -> texts.text("chat.attachment.notReceived", problem))
                    .orElseGet(() -> texts.text("chat.attachment.notReceived.plain")));
            state.addClassName("sb-attachment-state");
            box.add(new Div(name, state));
            return box;
        }
        FileId id = file.file().get();
        if (StoredFile.inline(file.kind(), file.contentType())) {
            if (file.kind() == MediaKind.IMAGE) {
                Image image = new Image(FileUrls.of(id), shownName(file));
                image.addClassName("sb-thumb");
                image.getElement().setAttribute("loading", "lazy");
                Anchor open = new Anchor(FileUrls.named(id, file.name()), image);
                open.setTarget(AnchorTarget.BLANK);
                open.setRouterIgnore(true);
                open.getElement().setAttribute("rel", "noopener noreferrer");
                open.setTitle(texts.text("chat.attachment.open", shownName(file)));
                open.addClassName("sb-thumb-link");
                box.add(open);
                return box;
            }
            Div player = new Div();
            player.addClassName("sb-video");
            Element video = new Element("video");
            video.setAttribute("controls", true);
            video.setAttribute("preload", "metadata");
            video.setAttribute("src", FileUrls.of(id));
            player.getElement().appendChild(video);
            box.add(player, fileLine(file, id, VaadinIcon.FILM));
            return box;
        }
        box.add(fileLine(file, id, switch (file.kind()) {
            case IMAGE -> VaadinIcon.PICTURE;
            case VIDEO -> VaadinIcon.FILM;
            case AUDIO -> VaadinIcon.MUSIC;
            case FILE -> VaadinIcon.FILE_TEXT_O;
        }));
        return box;
    }

    /** Name, size and a download link. */
    private Div fileLine(Attachment file, FileId id, VaadinIcon kind) {
        Anchor download = new Anchor(FileUrls.named(id, file.name()), shownName(file));
        download.setRouterIgnore(true);
        download.getElement().setAttribute("download", shownName(file));
        download.setTitle(texts.text("chat.attachment.download", shownName(file)));
        download.addClassName("sb-attachment-name");
        Span size = new Span(file.size() > 0 ? FileSizes.format(file.size(), texts) : "");
        size.addClassName("sb-attachment-size");
        Div line = new Div(icon(kind), download, size);
        line.addClassName("sb-attachment-file");
        return line;
    }

    /** The sender's name of the file; platforms send some files (stickers, voice) without one. */
    private String shownName(Attachment file) {
        return file.name() == null || file.name().isBlank() ? texts.text("chat.attachment.unnamed") : file.name();
    }

    private static Icon icon(VaadinIcon icon) {
        Icon created = icon.create();
        created.addClassName("sb-attachment-icon");
        return created;
    }

    // ----- the client's edits

    /** The text before the client's first edit, hidden until the team asks for it. */
    private Div original() {
        if (message.editedAt().isEmpty() || message.originalText().isEmpty()) {
            return null;
        }
        Span label = new Span(texts.text("chat.message.original"));
        label.addClassName("sb-original-label");
        Span text = new Span();
        text.setText(message.originalText().get());
        Div original = new Div(label, text);
        original.setId("original-" + message.id());
        original.addClassName("sb-original");
        original.setVisible(false);
        return original;
    }

    private Span editedMark(Instant editedAt, Div original) {
        Span edited = new Span(texts.text("chat.message.edited"));
        edited.setId("edited-" + message.id());
        edited.addClassName("sb-edited");
        String when = time(editedAt);
        if (original == null) {
            edited.setTitle(texts.text("chat.message.edited.at", when));
            return edited;
        }
        edited.setTitle(texts.text("chat.message.edited.hint", when));
        edited.getElement().setAttribute("role", "button");
        edited.getElement().setAttribute("tabindex", "0");
        edited.getElement().setAttribute("aria-expanded", "false");
        Runnable toggle = () -> {
            original.setVisible(!original.isVisible());
            edited.getElement().setAttribute("aria-expanded", Boolean.toString(original.isVisible()));
        };
        edited.addClickListener(click -> toggle.run());
        edited.getElement().addEventListener("keydown", key -> toggle.run())
                .setFilter("event.key === 'Enter' || event.key === ' '");
        return edited;
    }

    // ----- author, time, delivery

    private Div meta(Div original) {
        Div meta = new Div();
        meta.addClassName("sb-meta");
        StringBuilder line = new StringBuilder();
        message.author().flatMap(names::member).ifPresent(name -> line.append(name).append(" · "));
        if (message.kind() == MessageKind.OUTBOUND && message.origin().orElse(Origin.MANAGER) != Origin.MANAGER) {
            line.append(texts.text(message.origin().get() == Origin.AUTOMATION
                    ? "chat.message.automation" : "chat.message.broadcast")).append(" · ");
        }
        line.append(time(message.at()));
        meta.add(new Span(line.toString()));
        message.editedAt().ifPresent(at -> meta.add(editedMark(at, original)));
        if (message.kind() != MessageKind.OUTBOUND) {
            return meta;
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
            Message failed = message;
            Button again = new Button(texts.text("chat.delivery.retry"), click -> retry.accept(failed));
            again.setId("retry-" + message.id());
            again.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY_INLINE,
                    ButtonVariant.LUMO_ERROR);
            meta.add(again);
        }
        return meta;
    }

    private String time(Instant at) {
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(texts.locale())
                .withZone(ZoneId.systemDefault()).format(at);
    }
}
