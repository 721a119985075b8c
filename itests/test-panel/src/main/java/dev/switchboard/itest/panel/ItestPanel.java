package dev.switchboard.itest.panel;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import dev.switchboard.console.api.ConsolePanel;
import dev.switchboard.console.api.PanelContext;
import dev.switchboard.console.api.Slots;
import java.util.Locale;

/** A top-level view contributed the way a plugin contributes one; its text tells tests it is there. */
@org.osgi.service.component.annotations.Component(service = ConsolePanel.class)
@ConsolePanel.Slot(Slots.VIEWS)
@ConsolePanel.Order(900)
public final class ItestPanel implements ConsolePanel {

    public static final String KEY = "itest-panel";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title(Locale locale) {
        return "ru".equals(locale.getLanguage()) ? "Тестовая панель" : "Itest panel";
    }

    @Override
    public Component create(PanelContext context) {
        Div div = new Div();
        div.setText("Contributed by the itest panel bundle for " + context.viewer().displayName());
        div.setId("itest-panel-content");
        return div;
    }
}
