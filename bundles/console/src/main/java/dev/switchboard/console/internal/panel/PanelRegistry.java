package dev.switchboard.console.internal.panel;

import dev.switchboard.console.api.ConsolePanel;
import dev.switchboard.console.api.PanelContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks every {@link ConsolePanel} service (PLAT-3), in the manner of Liferay's PanelAppRegistry: panels are
 * grouped by their slot, ordered by {@value ConsolePanel#ORDER_PROPERTY} (lower first), then by service ranking
 * (higher first), then by service id (older first), and filtered per viewer at render time. Open pages listen and
 * add or remove panels when services come and go.
 *
 * <p>Bind and unbind run on whatever thread the framework uses, while pages read from their own threads: the
 * panel map is concurrent and listeners are called after the change is visible.
 */
@Component(service = PanelRegistry.class)
public final class PanelRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PanelRegistry.class);

    private static final Comparator<Registered> ORDER = Comparator.comparingInt(Registered::order)
            .thenComparing(Comparator.comparingInt(Registered::ranking).reversed())
            .thenComparingLong(Registered::serviceId);

    private final Map<Long, Registered> panels = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    @Reference(service = ConsolePanel.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addPanel(ConsolePanel panel, Map<String, Object> properties) {
        Registered registered = Registered.of(panel, properties);
        if (registered.slot().isEmpty()) {
            LOG.warn("Ignoring console panel {} (service {}): no {} property", panel.getClass().getName(),
                    registered.serviceId(), ConsolePanel.SLOT_PROPERTY);
            return;
        }
        panels.put(registered.serviceId(), registered);
        LOG.debug("Console panel {} joined slot {}", registered.key(), registered.slot());
        fire(registered.slot());
    }

    void removePanel(ConsolePanel panel, Map<String, Object> properties) {
        Registered removed = panels.remove(serviceId(properties));
        if (removed != null) {
            LOG.debug("Console panel {} left slot {}", removed.key(), removed.slot());
            fire(removed.slot());
        }
    }

    /** The panels of a slot that this viewer sees, in display order. */
    public List<ConsolePanel> visible(String slot, PanelContext context) {
        List<ConsolePanel> result = new ArrayList<>();
        panels.values().stream()
                .filter(registered -> registered.slot().equals(slot))
                .sorted(ORDER)
                .forEach(registered -> {
                    if (isVisible(registered.panel(), context)) {
                        result.add(registered.panel());
                    }
                });
        return result;
    }

    /**
     * Calls {@code listener} with the slot's name whenever a panel joins or leaves a slot. The listener runs on
     * the framework's thread: pages must hand the work to their own UI ({@code ui.access}).
     *
     * @return removes the listener again
     */
    public Runnable addListener(Consumer<String> listener) {
        listeners.add(Objects.requireNonNull(listener));
        return () -> listeners.remove(listener);
    }

    /** The test id of a contributed component: {@code panel-<slot>-<key>}. */
    public static String testId(String slot, ConsolePanel panel) {
        return "panel-" + slot + "-" + panel.key();
    }

    private static boolean isVisible(ConsolePanel panel, PanelContext context) {
        try {
            return panel.visibleFor(context);
        } catch (RuntimeException e) {
            // one faulty plugin must not break the page for everyone; it is hidden and logged instead
            LOG.error("Console panel {} failed to decide its visibility; hiding it", panel.key(), e);
            return false;
        }
    }

    private void fire(String slot) {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(slot);
            } catch (RuntimeException e) {
                LOG.warn("A page failed to take a panel change of slot {}", slot, e);
            }
        }
    }

    private static long serviceId(Map<String, Object> properties) {
        return ((Number) properties.get(Constants.SERVICE_ID)).longValue();
    }

    private record Registered(ConsolePanel panel, String slot, String key, int order, int ranking,
                              long serviceId) {
        static Registered of(ConsolePanel panel, Map<String, Object> properties) {
            return new Registered(panel,
                    String.valueOf(properties.getOrDefault(ConsolePanel.SLOT_PROPERTY, "")),
                    panel.key(),
                    intProperty(properties.get(ConsolePanel.ORDER_PROPERTY)),
                    intProperty(properties.get(Constants.SERVICE_RANKING)),
                    PanelRegistry.serviceId(properties));
        }

        private static int intProperty(Object value) {
            if (value instanceof Number number) {
                return number.intValue();
            }
            if (value instanceof String text) {
                try {
                    return Integer.parseInt(text.trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
            return 0;
        }
    }
}
