package dev.switchboard.chat.internal.connection;

import dev.switchboard.api.channel.ChannelCapabilities;
import dev.switchboard.api.channel.ChannelConnector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel connectors installed now, by type (architecture §4). Connectors come and go with their bundles: the
 * webhook endpoint answers 503 for a type that has none, the outbox leaves its messages waiting, and both learn of
 * an arrival through {@link #onArrival} (the outbox drains at once). One registry for the whole chat bundle, so that
 * every part agrees on which connector serves a type.
 * <p>
 * It also remembers which bundle registered the connector of each type ({@link #typesOf}): a bundle that serves
 * channels reaches only connections of its own types through the services the core gives channel bundles
 * ({@link dev.switchboard.chat.internal.scope.CallerTypes}, issue 12). A bundle keeps its id across updates and a
 * new one gets a new id, so what a bundle once registered stays its own.
 */
@Component(service = ConnectorRegistry.class)
public final class ConnectorRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRegistry.class);
    /** The bundle of a connector added without one. */
    public static final long UNKNOWN_BUNDLE = -1;

    private final Map<String, ChannelConnector> byType = new ConcurrentHashMap<>();
    /** What each type's connector declared when last seen: the composer keeps its limits while a bundle updates. */
    private final Map<String, ChannelCapabilities> lastKnown = new ConcurrentHashMap<>();
    private final List<Consumer<ChannelConnector>> arrivals = new CopyOnWriteArrayList<>();
    /** The types each bundle registered a connector for, by bundle id; never forgotten while the core runs. */
    private final Map<Long, Set<String>> typesByBundle = new ConcurrentHashMap<>();

    /** As SCR binds a connector: with its service properties, which name the bundle that registered it. */
    @Reference(name = "connectors", service = ChannelConnector.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "remove")
    public void bind(ChannelConnector connector, Map<String, Object> properties) {
        Object bundle = properties.get(Constants.SERVICE_BUNDLEID);
        add(connector, bundle instanceof Number n ? n.longValue() : UNKNOWN_BUNDLE);
    }

    /** A connector whose bundle is not known (tests, benchmarks): it makes no bundle a channel bundle. */
    public void add(ChannelConnector connector) {
        add(connector, UNKNOWN_BUNDLE);
    }

    /** A connector registered by the bundle with this id. */
    public void add(ChannelConnector connector, long bundle) {
        String type = connector.type();
        if (bundle != UNKNOWN_BUNDLE) {
            typesByBundle.computeIfAbsent(bundle, b -> ConcurrentHashMap.newKeySet()).add(type);
        }
        try {
            lastKnown.put(type, connector.capabilities());
        } catch (RuntimeException e) {
            LOG.warn("Connector {} failed to tell its capabilities", type, e);
        }
        ChannelConnector before = byType.put(type, connector);
        if (before != null && before != connector) {
            LOG.warn("Two connectors for channel type {}; the newer one serves it", type);
        }
        LOG.info("Channel connector for type {} is available", type);
        for (Consumer<ChannelConnector> listener : arrivals) {
            try {
                listener.accept(connector);
            } catch (RuntimeException e) {
                LOG.warn("A listener failed on the arrival of connector {}", type, e);
            }
        }
    }

    public void remove(ChannelConnector connector) {
        if (byType.remove(connector.type(), connector)) {
            LOG.info("Channel connector for type {} went away; its webhooks answer 503 and its messages wait",
                    connector.type());
        }
    }

    /** The connector that serves {@code type} now. */
    public Optional<ChannelConnector> connector(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** What the type's connector declares, or declared when last installed. */
    public Optional<ChannelCapabilities> capabilities(String type) {
        ChannelConnector now = byType.get(type);
        if (now != null) {
            try {
                ChannelCapabilities c = now.capabilities();
                lastKnown.put(type, c);
                return Optional.of(c);
            } catch (RuntimeException e) {
                LOG.warn("Connector {} failed to tell its capabilities", type, e);
            }
        }
        return Optional.ofNullable(lastKnown.get(type));
    }

    /**
     * The channel types whose connectors the bundle with this id has registered; empty for a bundle that serves no
     * channel (the core's own bundles, a test).
     */
    public Set<String> typesOf(long bundle) {
        Set<String> types = typesByBundle.get(bundle);
        return types == null ? Set.of() : Set.copyOf(types);
    }

    /** The types that have a connector now. */
    public List<String> types() {
        return List.copyOf(byType.keySet());
    }

    /** The connectors installed now. */
    public List<ChannelConnector> all() {
        return List.copyOf(byType.values());
    }

    /** Calls {@code listener} whenever a connector arrives (on the thread that registered it). */
    public void onArrival(Consumer<ChannelConnector> listener) {
        arrivals.add(listener);
    }

    public void removeListener(Consumer<ChannelConnector> listener) {
        arrivals.remove(listener);
    }
}
