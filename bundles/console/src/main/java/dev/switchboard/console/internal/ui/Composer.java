package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextArea;
import dev.switchboard.api.chat.SendConditions;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.console.internal.chat.SendLimits;
import dev.switchboard.console.internal.chat.Texts;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The message input (INP-1..4): Message and Note modes, Enter sends, Shift+Enter starts a new line, files by button,
 * by drag-and-drop onto the chat window and by pasting images (INP-2, INP-3; see {@link ComposerFiles}). Only the
 * modes the viewer's role allows are offered (INB-5, TEAM-6): someone who may only write notes gets no Message mode
 * at all. Notes are text only (MSG-3).
 *
 * <p>The channel's rules are shown before anything is sent (SendConditions): the file limits under the input, and a
 * counter of characters once the text nears the channel's limit. When the chat cannot take messages now (the client
 * blocked the bot, the messaging window closed, the connection is off or deleted), Message mode says why instead
 * of offering an input; notes still work.
 *
 * <p>Both Enter and the Send button go through one browser-side function that reads the text from the input and
 * tags it with an idempotency key made once per composed message. A double click or a repeated Enter before the
 * server answered carries the same key, so the engine stores the message once; the server clears the input, the
 * files and the key together after a successful send.
 *
 * <p>Test ids: {@code composer}, {@code composer-mode} (attribute {@code value}: {@code message} or {@code note},
 * buttons {@code composer-mode-message} and {@code composer-mode-note}), {@code composer-send},
 * {@code composer-read-only}, {@code composer-limits}, {@code composer-counter} (with {@code data-over} past the
 * limit), {@code composer-unavailable} (with {@code data-reason}: {@code client_unreachable},
 * {@code window_closed}, {@code connection_disabled}, {@code connection_deleted}), and the files' ids listed at
 * {@link ComposerFiles}.
 */
final class Composer extends Div {

    private static final long serialVersionUID = 1L;

    /** The composer's two modes, as the test ids and the {@code value} attribute name them. */
    enum Mode {
        MESSAGE,
        NOTE;

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Receives what the viewer composed. */
    interface Sender {
        /**
         * @param files stored uploads to send with a message, in order; always empty for a note
         * @return whether it was stored (the input and the files are cleared then)
         */
        boolean send(Mode mode, String text, List<FileId> files, String idempotencyKey);
    }

    private static final String INSTALL = """
            const area = $0, button = $1, counter = $2, host = $3;
            if (area.__sbComposer) { return; }
            area.__sbComposer = true;
            const fire = () => {
              if (!area.__sbKey) {
                area.__sbKey = Date.now().toString(36) + '-' + Math.random().toString(36).slice(2)
                    + Math.random().toString(36).slice(2);
              }
              area.dispatchEvent(new CustomEvent('composer-send', {detail: {text: area.value, key: area.__sbKey}}));
            };
            area.addEventListener('keydown', event => {
              if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                fire();
              }
            });
            button.addEventListener('click', fire);
            const count = () => {
              const max = Number(area.dataset.max || 0), from = Number(area.dataset.counterFrom || 0);
              const length = (area.value || '').length;
              const shown = max > 0 && length >= from;
              counter.hidden = !shown;
              counter.textContent = shown ? length + ' / ' + max : '';
              counter.toggleAttribute('data-over', shown && length > max);
            };
            area.__sbCount = count;
            area.addEventListener('input', count);
            area.addEventListener('paste', event => {
              const files = Array.from((event.clipboardData && event.clipboardData.files) || []);
              if (files.length && host.__sbAdd && host.__sbAdd(files)) {
                event.preventDefault();
              }
            });
            count();
            """;

    private final transient Texts texts;
    private final transient Consumer<String> errors;
    private final TextArea input = new TextArea();
    private final Div modeSwitch = new Div();
    private final Button messageMode;
    private final Button noteMode;
    private final Button send;
    private final Div row = new Div();
    private final Span readOnly = new Span();
    private final Span limits = new Span();
    private final Span counter = new Span();
    private final Div foot = new Div();
    private final Div unavailable = new Div();
    private final ComposerFiles files;
    /** Keys this page already sent, so that a repeated event is not stored twice (notes have no key in the API). */
    private final Set<String> sentKeys = new LinkedHashSet<>();
    private final transient Sender sender;
    private final List<Mode> offered = new ArrayList<>();
    private transient Optional<SendConditions> conditions = Optional.empty();
    private Component dropZone;
    private Mode mode = Mode.MESSAGE;
    /** The mode the viewer picked by hand, kept while it is offered; otherwise Message comes first. */
    private Mode chosen;

    Composer(Sender sender, ComposerFiles.Uploader uploader, Texts texts, Consumer<String> errors) {
        this.sender = sender;
        this.texts = texts;
        this.errors = errors;
        this.files = new ComposerFiles(this, uploader, texts);
        files.onChange(this::layout);
        addClassName("sb-composer");
        setWidthFull();

        modeSwitch.setId("composer-mode");
        modeSwitch.addClassName("sb-mode-switch");
        messageMode = new Button(texts.text("chat.composer.message"), click -> choose(Mode.MESSAGE));
        messageMode.setId("composer-mode-message");
        messageMode.getElement().setAttribute("data-value", Mode.MESSAGE.value());
        noteMode = new Button(texts.text("chat.composer.note"), click -> choose(Mode.NOTE));
        noteMode.setId("composer-mode-note");
        noteMode.getElement().setAttribute("data-value", Mode.NOTE.value());
        for (Button button : List.of(messageMode, noteMode)) {
            button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        modeSwitch.add(messageMode, noteMode);

        input.setId("composer");
        input.setWidthFull();
        input.setMinRows(2);
        input.setMaxRows(8);
        input.addClassName("sb-composer-input");
        input.getElement().addEventListener("composer-send", event -> submit(
                        event.getEventData().getString("event.detail.text"),
                        event.getEventData().getString("event.detail.key")))
                .addEventData("event.detail.text").addEventData("event.detail.key");

        send = new Button(VaadinIcon.PAPERPLANE.create());
        send.setId("composer-send");
        send.setAriaLabel(texts.text("chat.composer.send"));
        send.setTooltipText(texts.text("chat.composer.send"));
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        readOnly.setId("composer-read-only");
        readOnly.addClassName("sb-read-only");
        readOnly.setText(texts.text("chat.composer.readOnly"));

        limits.setId("composer-limits");
        limits.addClassName("sb-composer-limits");
        counter.setId("composer-counter");
        counter.addClassName("sb-composer-counter");
        // shown and filled in the browser as the viewer types; the server never sets its text
        counter.getElement().setAttribute("hidden", true);
        foot.addClassName("sb-composer-foot");
        foot.add(limits, files.progress(), counter);

        unavailable.setId("composer-unavailable");
        unavailable.addClassName("sb-composer-unavailable");
        unavailable.setVisible(false);

        row.addClassName("sb-composer-row");
        row.add(files.images(), files.files(), input, send);
        add(modeSwitch, files.chips(), row, foot, unavailable, readOnly);
        offer(List.of());
    }

    /** Files dropped anywhere on {@code zone} (the chat window) are attached as if picked with the files button. */
    void acceptDropsOn(Component zone) {
        this.dropZone = zone;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        getElement().executeJs(INSTALL, input.getElement(), send.getElement(), counter.getElement(), getElement());
        files.attached(event.getUI(), Optional.ofNullable(dropZone));
    }

    /** Offers exactly these modes (from the viewer's allowed actions); with none, the chat is read-only. */
    void offer(List<Mode> modes) {
        offered.clear();
        offered.addAll(modes);
        messageMode.setVisible(modes.contains(Mode.MESSAGE));
        noteMode.setVisible(modes.contains(Mode.NOTE));
        modeSwitch.setVisible(!modes.isEmpty());
        readOnly.setVisible(modes.isEmpty());
        if (!modes.isEmpty()) {
            // a chat just taken offers Message again: it comes first unless the viewer picked Note by hand
            select(chosen != null && modes.contains(chosen) ? chosen : modes.get(0));
        }
        layout();
    }

    /** What the chat's channel allows now; empty when it could not be read (then text only, no limits shown). */
    void conditions(Optional<SendConditions> now) {
        conditions = now;
        limits.setText(now.map(c -> SendLimits.describe(c, texts, ZoneId.systemDefault())).orElse(""));
        unavailable.removeAll();
        now.flatMap(SendConditions::unavailable).ifPresent(why -> {
            String reason = why.reason().name().toLowerCase(Locale.ROOT);
            unavailable.getElement().setAttribute("data-reason", reason);
            Span title = new Span(texts.text("chat.unavailable." + why.reason().name()));
            title.addClassName("sb-unavailable-title");
            unavailable.add(VaadinIcon.BAN.create(), title);
            if (why.detail() != null && !why.detail().isBlank()) {
                // the engine's detail (what the platform said), for the team, as it came
                Span detail = new Span(why.detail());
                detail.addClassName("sb-unavailable-detail");
                unavailable.add(detail);
            }
        });
        layout();
    }

    Mode mode() {
        return mode;
    }

    private void choose(Mode selected) {
        chosen = selected;
        select(selected);
        layout();
    }

    private void select(Mode selected) {
        if (!offered.contains(selected)) {
            return;
        }
        mode = selected;
        modeSwitch.getElement().setAttribute("value", selected.value());
        styleModeButton(messageMode, selected == Mode.MESSAGE);
        styleModeButton(noteMode, selected == Mode.NOTE);
        input.setPlaceholder(texts.text("chat.composer.placeholder." + selected.value()));
        input.getElement().setAttribute("data-mode", selected.value());
        if (selected == Mode.NOTE) {
            input.addClassName("sb-note-input");
        } else {
            input.removeClassName("sb-note-input");
        }
    }

    /** Shows what the mode, the chat's conditions and the attached files call for. */
    private void layout() {
        boolean writing = !offered.isEmpty();
        boolean message = writing && mode == Mode.MESSAGE && offered.contains(Mode.MESSAGE);
        boolean blocked = message && conditions.flatMap(SendConditions::unavailable).isPresent();
        row.setVisible(writing && !blocked);
        unavailable.setVisible(blocked);
        boolean sending = message && !blocked;
        files.limits(conditions.map(SendConditions::files), conditions.map(SendConditions::maxFiles).orElse(0),
                sending && conditions.isPresent());
        limits.setVisible(sending && conditions.isPresent());
        foot.setVisible(sending && (conditions.isPresent() || files.uploading()));
        int max = sending ? conditions.map(SendConditions::maxTextLength).orElse(0) : 0;
        input.getElement().setAttribute("data-max", Integer.toString(max));
        input.getElement().setAttribute("data-counter-from", Integer.toString(SendLimits.counterFrom(max)));
        input.getElement().executeJs("if (this.__sbCount) { this.__sbCount(); }");
    }

    private static void styleModeButton(Button button, boolean selected) {
        // the look of the pressed mode is in console.css, keyed on aria-pressed
        button.getElement().setAttribute("aria-pressed", Boolean.toString(selected));
    }

    private void submit(String text, String key) {
        if (key == null || key.isBlank() || sentKeys.contains(key) || !offered.contains(mode)) {
            return;
        }
        String stripped = text == null ? "" : text.strip();
        List<FileId> attached = List.of();
        if (mode == Mode.MESSAGE) {
            if (conditions.flatMap(SendConditions::unavailable).isPresent()) {
                return;
            }
            if (files.uploading()) {
                errors.accept(texts.text("chat.composer.waitForUploads"));
                return;
            }
            attached = files.ready();
            Optional<Integer> max = conditions.map(SendConditions::maxTextLength);
            if (max.isPresent() && stripped.length() > max.get()) {
                errors.accept(texts.text("chat.composer.tooLong", max.get()));
                return;
            }
        }
        if (stripped.isEmpty() && attached.isEmpty()) {
            return;
        }
        if (sender.send(mode, stripped, attached, key)) {
            remember(key);
            input.setValue("");
            if (mode == Mode.MESSAGE) {
                files.clear();
            }
            // the server may never have seen the typed text (it syncs on change), so clear it in the browser too
            input.getElement().executeJs(
                    "this.value = ''; this.__sbKey = null; if (this.__sbCount) { this.__sbCount(); }");
        }
    }

    private void remember(String key) {
        sentKeys.add(key);
        if (sentKeys.size() > 100) {
            sentKeys.remove(sentKeys.iterator().next());
        }
    }
}
