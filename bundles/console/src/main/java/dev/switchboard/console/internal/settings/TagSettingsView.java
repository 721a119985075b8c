package dev.switchboard.console.internal.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Input;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import dev.switchboard.api.card.Tag;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.error.DomainException;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.console.internal.chat.ErrorText;
import dev.switchboard.console.internal.i18n.ConsoleI18N;
import dev.switchboard.console.internal.ui.CardSupport;
import dev.switchboard.console.internal.ui.ConsoleSession;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's tag catalogue (CARD-4), at {@code settings/tags}: create a tag, rename or recolour one (every
 * card shows the new name), delete one after confirming (it leaves every card). Test ids: {@code settings-tag-<id>},
 * {@code settings-tag-name-<id>}, {@code settings-tag-colour-<id>}, {@code settings-tag-save-<id>},
 * {@code settings-tag-delete-<id>}, {@code settings-tag-delete-confirm}, {@code settings-tag-new-name},
 * {@code settings-tag-new-colour}, {@code settings-tag-create}, {@code settings-tags-none}.
 */
public final class TagSettingsView extends SettingsPage {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TagSettingsView.class);
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final String NEW_COLOUR = "#1e88e5";

    private final transient CardSupport cards;
    private transient ConsoleSession viewer;

    public TagSettingsView(ConsoleI18N i18n, CardSupport cards) {
        super(i18n);
        this.cards = cards;
    }

    @Override
    String titleKey() {
        return "settings.tags";
    }

    @Override
    void render(ConsoleSession viewer) {
        this.viewer = viewer;
        content.removeAll();
        content.add(creator());
        List<Tag> tags = cards.tags().tags(viewer.member().project());
        Div list = new Div();
        list.setId("settings-tags");
        list.addClassName("sb-settings-list");
        if (tags.isEmpty()) {
            Span none = new Span(getTranslation("settings.tags.none"));
            none.setId("settings-tags-none");
            none.addClassName("sb-card-muted");
            list.add(none);
        }
        tags.forEach(tag -> list.add(row(tag)));
        content.add(list);
    }

    private Div creator() {
        TextField name = new TextField();
        name.setId("settings-tag-new-name");
        name.setPlaceholder(getTranslation("settings.tags.newName"));
        name.setAriaLabel(getTranslation("settings.tags.newName"));
        Input colour = colour("settings-tag-new-colour", NEW_COLOUR);
        Button create = new Button(getTranslation("settings.tags.create"), VaadinIcon.PLUS.create(),
                click -> act(() -> cards.tags().create(viewer.member().project(), viewer.member().id(),
                        name.getValue().strip(), colourOf(colour, NEW_COLOUR))));
        create.setId("settings-tag-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div row = new Div(name, colour, create);
        row.addClassName("sb-settings-row");
        row.addClassName("sb-settings-create");
        return row;
    }

    private Div row(Tag tag) {
        TextField name = new TextField();
        name.setId("settings-tag-name-" + tag.id());
        name.setValue(tag.name());
        name.setAriaLabel(getTranslation("settings.tags.name"));
        Input colour = colour("settings-tag-colour-" + tag.id(), tag.colour());
        Button save = new Button(getTranslation("settings.tags.save"), VaadinIcon.CHECK.create(),
                click -> act(() -> cards.tags().update(tag.id(), viewer.member().id(), name.getValue().strip(),
                        colourOf(colour, tag.colour()))));
        save.setId("settings-tag-save-" + tag.id());
        save.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Button delete = new Button(getTranslation("settings.tags.delete"), VaadinIcon.TRASH.create(),
                click -> confirmDelete(tag));
        delete.setId("settings-tag-delete-" + tag.id());
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        Span chip = new Span(tag.name());
        chip.addClassName("sb-tag-chip");
        chip.getStyle().set("--sb-tag-colour", tag.colour());
        Div row = new Div(chip, name, colour, save, delete);
        row.setId("settings-tag-" + tag.id());
        row.addClassName("sb-settings-row");
        return row;
    }

    private static Input colour(String id, String value) {
        Input colour = new Input();
        colour.setType("color");
        colour.setId(id);
        colour.setValue(value);
        colour.addClassName("sb-colour");
        return colour;
    }

    private static String colourOf(Input input, String fallback) {
        String value = input.getValue();
        return value != null && COLOUR.matcher(value).matches() ? value : fallback;
    }

    private void confirmDelete(Tag tag) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("settings-tag-delete-confirm");
        confirm.setHeader(getTranslation("settings.tags.delete.title"));
        confirm.setText(getTranslation("settings.tags.delete.text", tag.name()));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("card.cancel"));
        confirm.setConfirmText(getTranslation("settings.tags.delete"));
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(event -> act(() -> {
            cards.tags().delete(tag.id(), viewer.member().id());
            return null;
        }));
        confirm.open();
    }

    private void act(Supplier<?> call) {
        try {
            call.get();
        } catch (InvalidInput invalid) {
            notifications.error(getTranslation("settings.tags.invalid"));
        } catch (Conflict conflict) {
            notifications.error(getTranslation("settings.tags.duplicate"));
        } catch (DomainException refused) {
            notifications.error(ErrorText.of(refused, texts()));
        } catch (RuntimeException e) {
            LOG.error("Member {} could not change the tag catalogue", viewer.member().id(), e);
            notifications.error(getTranslation("error.unavailable"));
        }
        render(viewer);
    }
}
