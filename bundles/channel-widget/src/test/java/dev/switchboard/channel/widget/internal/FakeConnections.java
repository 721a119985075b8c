package dev.switchboard.channel.widget.internal;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ChannelType;
import dev.switchboard.api.channel.ConnectionDetails;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.channel.ConnectionStatus;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotAllowed;
import dev.switchboard.api.error.NotFound;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Channel connections in memory, as the chat bundle keeps them for the console and the shell: owners and admins
 * (the members in {@link #admins}) manage them, a widget connection's settings go through the widget's own check, and
 * each connection's webhook address is {@code <public URL>/hooks/<type>/<key>}.
 */
public final class FakeConnections implements ConnectionService {

    private record Stored(ConnectionDetails details, String key) {
    }

    private final Map<ConnectionId, Stored> connections = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong(40);
    private final String publicUrl;
    /** The members who may manage connections. */
    public final Set<MemberId> admins;
    /** Every write, in order: {@code create <name>}, {@code update <name>}. */
    public final List<String> writes = new ArrayList<>();

    public FakeConnections(String publicUrl, Set<MemberId> admins) {
        this.publicUrl = publicUrl;
        this.admins = admins;
    }

    @Override
    public List<ChannelType> types() {
        return List.of();
    }

    @Override
    public synchronized ConnectionDetails create(ProjectId project, MemberId actor, String type, String name,
                                                 Map<String, String> settings) {
        allowed(actor);
        check(type, settings);
        ConnectionId id = new ConnectionId(ids.incrementAndGet());
        String key = "key" + id.value() + "abcdefghijklmnopqrstu";
        ConnectionDetails d = new ConnectionDetails(new ChannelConnection(id, project, type, name), status(),
                settings, Set.of(), URI.create(publicUrl + "/hooks/" + type + "/" + key), 1);
        connections.put(id, new Stored(d, key));
        writes.add("create " + name);
        return d;
    }

    @Override
    public synchronized ConnectionDetails update(ConnectionId id, MemberId actor, String name,
                                                 Map<String, String> settings, long version) {
        allowed(actor);
        Stored s = Optional.ofNullable(connections.get(id)).orElseThrow(() -> new NotFound("connection", id));
        if (s.details().version() != version) {
            throw new Conflict("error.conflict", "changed meanwhile", List.of());
        }
        check(s.details().connection().type(), settings);
        ConnectionDetails d = new ConnectionDetails(new ChannelConnection(id, s.details().connection().project(),
                s.details().connection().type(), name), status(), settings, s.details().secretsSet(),
                s.details().webhookUrl(), version + 1);
        connections.put(id, new Stored(d, s.key()));
        writes.add("update " + name);
        return d;
    }

    /** Marks a secret setting as set, as the console shows it. */
    public synchronized void secretSet(ConnectionId id, String key) {
        Stored s = connections.get(id);
        ConnectionDetails d = s.details();
        connections.put(id, new Stored(new ConnectionDetails(d.connection(), d.status(), d.settings(),
                Set.of(key), d.webhookUrl(), d.version()), s.key()));
    }

    private static void check(String type, Map<String, String> settings) {
        if (type.equals("widget")) {
            Map<String, String> problems = dev.switchboard.channel.widget.internal.connector.WidgetSettings
                    .validate(settings, Locale.ENGLISH);
            if (!problems.isEmpty()) {
                Map.Entry<String, String> first = problems.entrySet().iterator().next();
                throw new InvalidInput("settings." + first.getKey(), first.getValue());
            }
        }
    }

    private void allowed(MemberId actor) {
        if (!admins.contains(actor)) {
            throw new NotAllowed("manage connections");
        }
    }

    private static ConnectionStatus status() {
        return new ConnectionStatus(ConnectionStatus.State.CONNECTED, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Override
    public ConnectionDetails setEnabled(ConnectionId id, MemberId actor, boolean enabled) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ConnectionDetails reconnect(ConnectionId id, MemberId actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete(ConnectionId id, MemberId actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized List<ConnectionDetails> list(ProjectId project, MemberId viewer) {
        allowed(viewer);
        return connections.values().stream().map(Stored::details)
                .filter(d -> d.connection().project().equals(project)).toList();
    }

    @Override
    public synchronized ConnectionDetails details(ConnectionId id, MemberId viewer) {
        allowed(viewer);
        return Optional.ofNullable(connections.get(id)).map(Stored::details)
                .orElseThrow(() -> new NotFound("connection", id));
    }

    @Override
    public synchronized List<ChannelConnection> list(ProjectId project) {
        return connections.values().stream().map(s -> s.details().connection())
                .filter(c -> c.project().equals(project)).sorted(Comparator.comparing(ChannelConnection::name))
                .toList();
    }

    @Override
    public synchronized Optional<ChannelConnection> find(ConnectionId id) {
        return Optional.ofNullable(connections.get(id)).map(s -> s.details().connection());
    }

    /** Settings of a connection as stored. */
    public synchronized Map<String, String> settings(ConnectionId id) {
        return new HashMap<>(connections.get(id).details().settings());
    }
}
