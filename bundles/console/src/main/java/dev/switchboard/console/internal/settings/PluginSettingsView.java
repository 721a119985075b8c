package dev.switchboard.console.internal.settings;

import dev.switchboard.console.api.PanelContext;
import dev.switchboard.console.api.Slots;
import dev.switchboard.console.internal.i18n.ConsoleI18N;
import dev.switchboard.console.internal.panel.PanelRegistry;
import dev.switchboard.console.internal.ui.ConsoleSession;
import dev.switchboard.console.internal.ui.EmptyState;
import dev.switchboard.console.internal.ui.PanelSlot;
import java.util.Optional;

/** The plugins' sections of the project's settings ({@link Slots#PROJECT_SETTINGS}), at {@code settings}. */
public final class PluginSettingsView extends SettingsPage {

    private static final long serialVersionUID = 1L;

    private final transient PanelRegistry panels;

    public PluginSettingsView(ConsoleI18N i18n, PanelRegistry panels) {
        super(i18n);
        this.panels = panels;
    }

    @Override
    String titleKey() {
        return "settings.plugins";
    }

    @Override
    void render(ConsoleSession viewer) {
        PanelSlot slot = new PanelSlot(panels, Slots.PROJECT_SETTINGS, panel -> true,
                () -> new EmptyState("settings-plugins-none", getTranslation("settings.plugins.none.title"),
                        getTranslation("settings.plugins.none.text")),
                ui -> Optional.of(new PanelContext(viewer.member(), ui.getLocale(), Optional.empty())));
        slot.setId("settings-plugins");
        content.add(slot);
    }
}
