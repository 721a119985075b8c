package dev.switchboard.channel.widget.internal.demo;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ConnectionDetails;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.api.team.Project;
import dev.switchboard.api.team.ProjectService;
import dev.switchboard.channel.widget.internal.connector.Origins;
import dev.switchboard.channel.widget.internal.connector.WidgetConnector;
import dev.switchboard.channel.widget.internal.connector.WidgetSettings;
import dev.switchboard.channel.widget.internal.console.Snippet;
import java.net.URI;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's widget connection (issue 10, "Console and demo"): in the first project (the first-run demo project),
 * a widget connection named {@value #NAME}, made by the project's owner when the project has no widget connection
 * yet. Its allowed origins are the core's public address (its webhook address tells it) and
 * {@code http://127.0.0.1:8181}, so that the demo page works whichever of the two a new user opens; when the public
 * address changes later, the demo connection is given the new origin too. A project that has a widget connection
 * of its own gets none: the demo page then shows the one named {@value #NAME}, else the first.
 */
final class DemoConnection {

    private static final Logger LOG = LoggerFactory.getLogger(DemoConnection.class);

    static final String NAME = "Website (demo)";
    static final String LOOPBACK = "http://127.0.0.1:8181";

    private DemoConnection() {
    }

    /** The demo connection's snippet (its key and public address), made first if needed; empty when impossible. */
    static Optional<Snippet> ensure(ProjectService projects, MemberService members, ConnectionService connections) {
        Optional<Project> first = projects.list().stream()
                .min(Comparator.comparing(Project::createdAt).thenComparing(p -> p.id().value()));
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Optional<Member> owner = members.list(first.get().id()).stream().filter(m -> m.role() == Role.OWNER)
                .min(Comparator.comparing(m -> m.id().value()));
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        List<ChannelConnection> widgets = connections.list(first.get().id()).stream()
                .filter(c -> WidgetConnector.TYPE.equals(c.type())).toList();
        Optional<ChannelConnection> existing = widgets.stream().filter(c -> NAME.equals(c.name())).findFirst()
                .or(() -> widgets.stream().min(Comparator.comparing(c -> c.id().value())));
        ConnectionDetails details;
        if (existing.isPresent()) {
            details = connections.details(existing.get().id(), owner.get().id());
        } else {
            details = connections.create(first.get().id(), owner.get().id(), WidgetConnector.TYPE, NAME,
                    Map.of(WidgetSettings.ORIGINS, LOOPBACK));
            LOG.info("Created the demo website widget \"{}\" in project '{}': open /demo/", NAME, first.get().name());
        }
        if (NAME.equals(details.connection().name())) {
            details = withPublicOrigin(connections, owner.get(), details);
        }
        return Snippet.fromWebhook(details.webhookUrl());
    }

    /** Adds the public address's origin to the demo connection's allowed origins, if it is not there. */
    private static ConnectionDetails withPublicOrigin(ConnectionService connections, Member owner,
                                                      ConnectionDetails details) {
        Optional<String> origin = origin(details.webhookUrl());
        String origins = details.settings().getOrDefault(WidgetSettings.ORIGINS, "");
        Set<String> allowed = Origins.parse(origins);
        if (origin.isEmpty() || allowed.contains(origin.get())) {
            return details;
        }
        Map<String, String> settings = new HashMap<>(details.settings());
        settings.put(WidgetSettings.ORIGINS, origin.get() + "\n" + origins.strip());
        return connections.update(details.connection().id(), owner.id(), details.connection().name(), settings,
                details.version());
    }

    static Optional<String> origin(URI address) {
        if (address == null || address.getScheme() == null || address.getRawAuthority() == null) {
            return Optional.empty();
        }
        return Origins.normalise(address.getScheme() + "://" + address.getRawAuthority());
    }
}
