package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import dev.switchboard.console.api.Slots;
import dev.switchboard.console.internal.panel.PanelRegistry;

/**
 * A top-level view contributed to {@link Slots#VIEWS}, at {@code view/<key>}. If its bundle stops while the view
 * is open, the page says so instead of failing; when the bundle comes back, so does the view.
 */
public final class PanelView extends Div implements BeforeEnterObserver {

    private static final long serialVersionUID = 1L;

    static final String KEY_PARAMETER = "key";

    private final transient PanelRegistry registry;

    public PanelView(PanelRegistry registry) {
        this.registry = registry;
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String key = event.getRouteParameters().get(KEY_PARAMETER).orElse("");
        removeAll();
        add(new PanelSlot(registry, Slots.VIEWS, panel -> panel.key().equals(key),
                () -> new EmptyState("view-gone", getTranslation("view.gone.title"),
                        getTranslation("view.gone.text"))));
    }
}
