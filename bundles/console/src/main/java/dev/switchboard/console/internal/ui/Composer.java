package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The message input (INP-1, INP-4): Message and Note modes, Enter sends, Shift+Enter starts a new line. Only the
 * modes the viewer's role allows are offered (INB-5, TEAM-6): someone who may only write notes gets no Message
 * mode at all.
 *
 * <p>Both Enter and the Send button go through one browser-side function that reads the text from the input and
 * tags it with an idempotency key made once per composed message. A double click or a repeated Enter before the
 * server answered carries the same key, so the engine stores the message once; the server clears the input and
 * the key together after a successful send. Test ids: {@code composer}, {@code composer-mode} (attribute
 * {@code value}: {@code message} or {@code note}, buttons {@code composer-mode-message} and
 * {@code composer-mode-note}), {@code composer-send}.
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
        /** @return whether it was stored (the input is cleared then) */
        boolean send(Mode mode, String text, String idempotencyKey);
    }

    private static final String INSTALL = """
            const area = $0, button = $1;
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
            """;

    private final TextArea input = new TextArea();
    private final Div modeSwitch = new Div();
    private final Button messageMode;
    private final Button noteMode;
    private final Button send;
    private final Span readOnly = new Span();
    /** Keys this page already sent, so that a repeated event is not stored twice (notes have no key in the API). */
    private final Set<String> sentKeys = new LinkedHashSet<>();
    private final transient Sender sender;
    private final List<Mode> offered = new ArrayList<>();
    private Mode mode = Mode.MESSAGE;
    /** The mode the viewer picked by hand, kept while it is offered; otherwise Message comes first. */
    private Mode chosen;

    Composer(Sender sender) {
        this.sender = sender;
        addClassName("sb-composer");
        setWidthFull();

        modeSwitch.setId("composer-mode");
        modeSwitch.addClassName("sb-mode-switch");
        messageMode = new Button(getTranslation("chat.composer.message"), click -> choose(Mode.MESSAGE));
        messageMode.setId("composer-mode-message");
        messageMode.getElement().setAttribute("data-value", Mode.MESSAGE.value());
        noteMode = new Button(getTranslation("chat.composer.note"), click -> choose(Mode.NOTE));
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
        send.setAriaLabel(getTranslation("chat.composer.send"));
        send.setTooltipText(getTranslation("chat.composer.send"));
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        readOnly.setId("composer-read-only");
        readOnly.addClassName("sb-read-only");
        readOnly.setText(getTranslation("chat.composer.readOnly"));

        Div row = new Div(input, send);
        row.addClassName("sb-composer-row");
        add(modeSwitch, row, readOnly);
        offer(List.of());
    }

    @Override
    protected void onAttach(AttachEvent event) {
        getElement().executeJs(INSTALL, input.getElement(), send.getElement());
    }

    /** Offers exactly these modes (from the viewer's allowed actions); with none, the chat is read-only. */
    void offer(List<Mode> modes) {
        offered.clear();
        offered.addAll(modes);
        messageMode.setVisible(modes.contains(Mode.MESSAGE));
        noteMode.setVisible(modes.contains(Mode.NOTE));
        modeSwitch.setVisible(!modes.isEmpty());
        input.setVisible(!modes.isEmpty());
        send.setVisible(!modes.isEmpty());
        readOnly.setVisible(modes.isEmpty());
        if (!modes.isEmpty()) {
            // a chat just taken offers Message again: it comes first unless the viewer picked Note by hand
            select(chosen != null && modes.contains(chosen) ? chosen : modes.get(0));
        }
    }

    Mode mode() {
        return mode;
    }

    private void choose(Mode selected) {
        chosen = selected;
        select(selected);
    }

    private void select(Mode selected) {
        if (!offered.contains(selected)) {
            return;
        }
        mode = selected;
        modeSwitch.getElement().setAttribute("value", selected.value());
        styleModeButton(messageMode, selected == Mode.MESSAGE);
        styleModeButton(noteMode, selected == Mode.NOTE);
        input.setPlaceholder(getTranslation("chat.composer.placeholder." + selected.value()));
        input.getElement().setAttribute("data-mode", selected.value());
        if (selected == Mode.NOTE) {
            input.addClassName("sb-note-input");
        } else {
            input.removeClassName("sb-note-input");
        }
    }

    private static void styleModeButton(Button button, boolean selected) {
        // the look of the pressed mode is in console.css, keyed on aria-pressed
        button.getElement().setAttribute("aria-pressed", Boolean.toString(selected));
    }

    private void submit(String text, String key) {
        if (text == null || text.isBlank() || key == null || key.isBlank() || sentKeys.contains(key)
                || !offered.contains(mode)) {
            return;
        }
        if (sender.send(mode, text.strip(), key)) {
            remember(key);
            input.setValue("");
            // the server may never have seen the typed text (it syncs on change), so clear it in the browser too
            input.getElement().executeJs("this.value = ''; this.__sbKey = null;");
        }
    }

    private void remember(String key) {
        sentKeys.add(key);
        if (sentKeys.size() > 100) {
            sentKeys.remove(sentKeys.iterator().next());
        }
    }
}
