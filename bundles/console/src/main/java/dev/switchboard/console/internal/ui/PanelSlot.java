package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import dev.switchboard.console.api.ConsolePanel;
import dev.switchboard.console.api.PanelContext;
import dev.switchboard.console.internal.panel.PanelRegistry;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A place on a page filled with the {@link ConsolePanel}s of one slot (PLAT-3). While attached it follows the
 * {@link PanelRegistry}: when a contributing bundle starts or stops, the slot is rebuilt through
 * {@code ui.access}, and server push shows the change without a reload. Each panel's component carries the test
 * id {@code panel-<slot>-<key>}.
 */
public final class PanelSlot extends Div {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PanelSlot.class);

    private final transient PanelRegistry registry;
    private final String slot;
    private final transient Predicate<ConsolePanel> filter;
    private final transient Supplier<Component> emptyState;
    private final transient Function<UI, Optional<PanelContext>> context;
    private transient Runnable unsubscribe;

    PanelSlot(PanelRegistry registry, String slot, Predicate<ConsolePanel> filter, Supplier<Component> emptyState) {
        this(registry, slot, filter, emptyState, Viewer::context);
    }

    /** A slot shown in a narrower context than the page's, e.g. one chat. */
    public PanelSlot(PanelRegistry registry, String slot, Predicate<ConsolePanel> filter,
                     Supplier<Component> emptyState, Function<UI, Optional<PanelContext>> context) {
        this.context = context;
        this.registry = registry;
        this.slot = slot;
        this.filter = filter;
        this.emptyState = emptyState;
        getElement().setAttribute("data-slot", slot);
        setWidthFull();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        rebuild(ui);
        unsubscribe = registry.addListener(changed -> {
            if (changed.equals(slot)) {
                ui.access(() -> rebuild(ui));
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
    }

    private void rebuild(UI ui) {
        removeAll();
        PanelContext context = this.context.apply(ui).orElse(null);
        if (context == null) {
            return;
        }
        int shown = 0;
        for (ConsolePanel panel : registry.visible(slot, context)) {
            if (!filter.test(panel)) {
                continue;
            }
            try {
                Component component = panel.create(context);
                String testId = PanelRegistry.testId(slot, panel);
                component.getElement().setAttribute("data-testid", testId);
                if (component.getId().isEmpty()) {
                    component.setId(testId);
                }
                add(component);
                shown++;
            } catch (RuntimeException e) {
                // a broken plugin loses its own panel, not the page
                LOG.error("Console panel {} failed to create its component", panel.key(), e);
            }
        }
        if (shown == 0) {
            add(emptyState.get());
        }
    }
}
