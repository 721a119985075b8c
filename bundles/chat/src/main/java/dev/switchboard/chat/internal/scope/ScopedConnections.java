package dev.switchboard.chat.internal.scope;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ChannelType;
import dev.switchboard.api.channel.ConnectionContext;
import dev.switchboard.api.channel.ConnectionDetails;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.channel.LiveConnections;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.chat.internal.connection.ConnectionDirectory;
import dev.switchboard.chat.internal.connection.ConnectorRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The connection services as each bundle sees them (issue 12): one instance per bundle that uses them, which knows
 * that bundle. The owner's and admin's methods, which take the acting member, are the directory's own (a connection
 * of another project is not found). The lookups without an actor, meant for the core and for channel bundles, give a
 * channel bundle the connections of its own types only ({@link CallerTypes}): another type's connection is not
 * found, as one that does not exist, and its settings, which hold its secrets, never reach it.
 * <p>
 * The cache and every write stay in the one {@link ConnectionDirectory}.
 */
@Component(service = {ConnectionService.class, LiveConnections.class}, scope = ServiceScope.BUNDLE)
public final class ScopedConnections implements ConnectionService, LiveConnections {

    private final ConnectionDirectory connections;
    private final CallerTypes caller;

    @Activate
    public ScopedConnections(@Reference ConnectionDirectory connections, @Reference ConnectorRegistry registry,
                             ComponentContext context) {
        this(connections, new CallerTypes(registry, context.getUsingBundle().getBundleId()));
    }

    /* Outside OSGi (tests): a factory, so the component keeps one public constructor. */
    public static ScopedConnections of(ConnectionDirectory connections, CallerTypes caller) {
        return new ScopedConnections(connections, caller);
    }

    private ScopedConnections(ConnectionDirectory connections, CallerTypes caller) {
        this.connections = connections;
        this.caller = caller;
    }

    // ---------------------------------------------------------------------------------------------- acting member

    @Override
    public List<ChannelType> types() {
        return connections.types();
    }

    @Override
    public ConnectionDetails create(ProjectId project, MemberId actor, String type, String name,
                                    Map<String, String> settings) {
        return connections.create(project, actor, type, name, settings);
    }

    @Override
    public ConnectionDetails update(ConnectionId id, MemberId actor, String name, Map<String, String> settings,
                                    long version) {
        return connections.update(id, actor, name, settings, version);
    }

    @Override
    public ConnectionDetails setEnabled(ConnectionId id, MemberId actor, boolean enabled) {
        return connections.setEnabled(id, actor, enabled);
    }

    @Override
    public ConnectionDetails reconnect(ConnectionId id, MemberId actor) {
        return connections.reconnect(id, actor);
    }

    @Override
    public void delete(ConnectionId id, MemberId actor) {
        connections.delete(id, actor);
    }

    @Override
    public List<ConnectionDetails> list(ProjectId project, MemberId viewer) {
        return connections.list(project, viewer);
    }

    @Override
    public ConnectionDetails details(ConnectionId id, MemberId viewer) {
        return connections.details(id, viewer);
    }

    // ---------------------------------------------------------------------------------------------- no actor

    @Override
    public List<ChannelConnection> list(ProjectId project) {
        return connections.list(project).stream().filter(c -> caller.allows(c.type())).toList();
    }

    @Override
    public Optional<ChannelConnection> find(ConnectionId id) {
        return connections.find(id).filter(c -> caller.allows(c.type()));
    }

    @Override
    public Optional<ConnectionContext> byKey(String type, String key) {
        return caller.allows(type) ? connections.byKey(type, key) : Optional.empty();
    }

    @Override
    public Optional<ConnectionContext> byId(ConnectionId id) {
        return connections.byId(id).filter(c -> caller.allows(c.connection().type()));
    }
}
