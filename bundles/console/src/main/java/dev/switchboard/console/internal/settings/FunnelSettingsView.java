package dev.switchboard.console.internal.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import dev.switchboard.api.card.Funnel;
import dev.switchboard.api.error.DomainException;
import dev.switchboard.api.funnel.FunnelStage;
import dev.switchboard.console.internal.chat.ErrorText;
import dev.switchboard.console.internal.i18n.ConsoleI18N;
import dev.switchboard.console.internal.ui.CardSupport;
import dev.switchboard.console.internal.ui.ConsoleSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's funnel (CARD-3), at {@code settings/funnel}: every funnel known (installed ones, and those whose
 * bundle is gone, marked), the one in use, and switching to another installed funnel. For each stage of the
 * current funnel that the new one lacks, the owner chooses a stage of the new funnel or keeps the old status
 * (shown as "from an earlier funnel"); the page then says how many cards changed.
 *
 * <p>Test ids: {@code settings-funnel-<key>}, {@code settings-funnel-current}, {@code settings-funnel-none},
 * {@code settings-funnel-select}, {@code settings-funnel-map-<old stage key>}, {@code settings-funnel-apply},
 * {@code settings-funnel-result}.
 */
public final class FunnelSettingsView extends SettingsPage {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FunnelSettingsView.class);
    /** The mapping choice "keep the old status". */
    private static final String KEEP = "";

    private final transient CardSupport cards;
    private transient ConsoleSession viewer;
    private final Div mapping = new Div();
    private final Div result = new Div();
    private final Map<String, Select<String>> targets = new LinkedHashMap<>();

    public FunnelSettingsView(ConsoleI18N i18n, CardSupport cards) {
        super(i18n);
        this.cards = cards;
        result.setId("settings-funnel-result");
        result.addClassName("sb-settings-result");
        result.setVisible(false);
    }

    @Override
    String titleKey() {
        return "settings.funnel";
    }

    @Override
    void render(ConsoleSession viewer) {
        this.viewer = viewer;
        content.removeAll();
        mapping.removeAll();
        targets.clear();
        Locale locale = getLocale();
        Optional<Funnel> current = cards.funnels().funnelOf(viewer.member().project());
        List<Funnel> all = cards.funnels().funnels();
        content.add(result);
        if (all.isEmpty() && current.isEmpty()) {
            Span none = new Span(getTranslation("settings.funnel.none"));
            none.setId("settings-funnel-none");
            none.addClassName("sb-card-muted");
            content.add(none);
            return;
        }
        Div list = new Div();
        list.setId("settings-funnels");
        list.addClassName("sb-settings-list");
        List<Funnel> shown = new ArrayList<>(all);
        current.filter(funnel -> all.stream().noneMatch(f -> f.key().equals(funnel.key()))).ifPresent(shown::add);
        for (Funnel funnel : shown) {
            boolean inUse = current.map(Funnel::key).filter(funnel.key()::equals).isPresent();
            list.add(funnelRow(funnel, inUse, locale));
        }
        content.add(list);

        List<Funnel> choosable = all.stream().filter(Funnel::installed).toList();
        Select<Funnel> choose = new Select<>();
        choose.setId("settings-funnel-select");
        choose.setLabel(getTranslation("settings.funnel.choose"));
        choose.setItems(choosable);
        choose.setItemLabelGenerator(funnel -> funnel.name(locale));
        mapping.addClassName("sb-settings-mapping");
        Button apply = new Button(getTranslation("settings.funnel.apply"), VaadinIcon.CHECK.create());
        apply.setId("settings-funnel-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.setEnabled(false);
        choose.addValueChangeListener(event -> {
            showMapping(current, event.getValue(), locale);
            apply.setEnabled(event.getValue() != null);
        });
        apply.addClickListener(click -> apply(choose.getValue()));
        Div chooser = new Div(choose, mapping, apply);
        chooser.addClassName("sb-settings-chooser");
        content.add(chooser);
    }

    private Div funnelRow(Funnel funnel, boolean inUse, Locale locale) {
        Span name = new Span(funnel.name(locale));
        name.addClassName("sb-settings-funnel-name");
        Div head = new Div(name);
        if (inUse) {
            Span badge = new Span(getTranslation("settings.funnel.current"));
            badge.setId("settings-funnel-current");
            badge.getElement().getThemeList().add("badge success small");
            head.add(badge);
        }
        if (!funnel.installed()) {
            Span gone = new Span(getTranslation("settings.funnel.gone"));
            gone.getElement().getThemeList().add("badge contrast small");
            head.add(gone);
        }
        Div stages = new Div();
        stages.addClassName("sb-card-chips");
        for (FunnelStage stage : funnel.stages()) {
            Span chip = new Span(stage.name(locale));
            chip.addClassName("sb-tag-chip");
            chip.getStyle().set("--sb-tag-colour", stage.colour());
            stages.add(chip);
        }
        Div row = new Div(head, stages);
        row.setId("settings-funnel-" + funnel.key());
        row.addClassName("sb-settings-funnel");
        return row;
    }

    private void showMapping(Optional<Funnel> current, Funnel chosen, Locale locale) {
        mapping.removeAll();
        targets.clear();
        if (chosen == null || current.isEmpty() || current.get().key().equals(chosen.key())) {
            return;
        }
        List<FunnelStage> missing = current.get().stages().stream()
                .filter(stage -> chosen.stage(stage.key()).isEmpty()).toList();
        if (missing.isEmpty()) {
            return;
        }
        mapping.add(new H4(getTranslation("settings.funnel.mapping")));
        List<String> choices = new ArrayList<>();
        choices.add(KEEP);
        chosen.stages().forEach(stage -> choices.add(stage.key()));
        for (FunnelStage old : missing) {
            Select<String> target = new Select<>();
            target.setId("settings-funnel-map-" + old.key());
            target.setLabel(old.name(locale));
            target.setItems(choices);
            target.setItemLabelGenerator(key -> key.equals(KEEP) ? getTranslation("settings.funnel.keep")
                    : chosen.stage(key).map(stage -> stage.name(locale)).orElse(key));
            target.setValue(KEEP);
            targets.put(old.key(), target);
            Div row = new Div(target);
            row.addClassName("sb-settings-row");
            mapping.add(row);
        }
    }

    private void apply(Funnel chosen) {
        if (chosen == null) {
            return;
        }
        Map<String, String> map = new LinkedHashMap<>();
        targets.forEach((old, target) -> {
            String value = target.getValue();
            if (value != null && !value.equals(KEEP)) {
                map.put(old, value);
            }
        });
        try {
            int changed = cards.funnels().choose(viewer.member().project(), viewer.member().id(), chosen.key(), map);
            render(viewer);
            result.removeAll();
            result.add(new Span(getTranslation("settings.funnel.done", chosen.name(getLocale()), changed)));
            result.setVisible(true);
        } catch (DomainException refused) {
            notifications.error(ErrorText.of(refused, texts()));
        } catch (RuntimeException e) {
            LOG.error("Member {} could not change the project's funnel", viewer.member().id(), e);
            notifications.error(getTranslation("error.unavailable"));
        }
    }
}
