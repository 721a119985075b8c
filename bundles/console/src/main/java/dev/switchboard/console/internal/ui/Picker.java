package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.avatar.AvatarVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.popover.Popover;
import com.vaadin.flow.component.popover.PopoverPosition;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A drop-down anchored to a button: sections of choices (colleagues, groups) with a filter box on top. Used by the
 * participants control (WIN-2), Assign (DIST-2) and Forward (TEAM-4). Each choice is a menu item with the test id
 * {@code <prefix>-<id>}.
 */
final class Picker extends Popover {

    private static final long serialVersionUID = 1L;

    /** One choice: its id (for the test id), what the reader sees, and what happens when chosen. */
    record Choice(String id, String label, String detail, Runnable action) {
    }

    private final Div body = new Div();
    private final TextField filter = new TextField();
    private final List<Entry> entries = new ArrayList<>();

    Picker(Component target, String filterPlaceholder) {
        setTarget(target);
        setPosition(PopoverPosition.BOTTOM_END);
        setModal(false);
        setAutofocus(true);
        addClassName("sb-picker");
        filter.setPlaceholder(filterPlaceholder);
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setWidthFull();
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.EAGER);
        filter.addValueChangeListener(event -> applyFilter());
        filter.addClassName("sb-picker-filter");
        body.addClassName("sb-picker-body");
        add(filter, body);
    }

    /** Replaces the contents with a fixed part (who is in the chat) followed by sections of choices. */
    void show(List<Component> header, List<Section> sections, String nobody) {
        body.removeAll();
        entries.clear();
        header.forEach(body::add);
        boolean anyChoice = false;
        for (Section section : sections) {
            Span title = new Span(section.title());
            title.addClassName("sb-picker-title");
            body.add(title);
            if (section.choices().isEmpty()) {
                Span none = new Span(nobody);
                none.addClassName("sb-picker-none");
                body.add(none);
            }
            for (Choice choice : section.choices()) {
                anyChoice = true;
                Avatar avatar = new Avatar(choice.label());
                avatar.addThemeVariants(AvatarVariant.LUMO_XSMALL);
                Div item = new Div(avatar, new Span(choice.label()));
                item.addClickListener(click -> {
                    close();
                    choice.action().run();
                });
                item.getElement().addEventListener("keydown", key -> {
                    close();
                    choice.action().run();
                }).setFilter("event.key === 'Enter' || event.key === ' '");
                item.getElement().setAttribute("role", "menuitem");
                item.getElement().setAttribute("tabindex", "0");
                item.setId(section.idPrefix() + "-" + choice.id());
                item.addClassName("sb-picker-item");
                if (choice.detail() != null && !choice.detail().isEmpty()) {
                    Span detail = new Span(choice.detail());
                    detail.addClassName("sb-picker-detail");
                    item.add(detail);
                }
                body.add(item);
                entries.add(new Entry(item, choice.label().toLowerCase(Locale.ROOT)));
            }
        }
        filter.setVisible(anyChoice && entries.size() > 6);
        filter.clear();
    }

    /** A titled group of choices whose buttons get test ids {@code <idPrefix>-<choice id>}. */
    record Section(String title, String idPrefix, List<Choice> choices) {
    }

    private void applyFilter() {
        String wanted = filter.getValue().strip().toLowerCase(Locale.ROOT);
        for (Entry entry : entries) {
            entry.button().setVisible(wanted.isEmpty() || entry.label().contains(wanted));
        }
    }

    private record Entry(Div button, String label) {
    }
}
