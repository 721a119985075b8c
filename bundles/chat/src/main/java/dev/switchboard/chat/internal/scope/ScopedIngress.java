package dev.switchboard.chat.internal.scope;

import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.chat.ClientMessage;
import dev.switchboard.api.chat.ClientTranscripts;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.chat.internal.connection.ConnectionDirectory;
import dev.switchboard.chat.internal.connection.ConnectorRegistry;
import dev.switchboard.chat.internal.ingress.IngressImpl;
import dev.switchboard.chat.internal.transcript.ClientTranscriptsImpl;
import java.util.Optional;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The ingress and the clients' transcripts as each bundle sees them (INB-1, MSG-1, issue 12): one instance per bundle
 * that uses them. These calls name a connection and no acting member; the connection is what can be checked. A
 * channel bundle stores events only for, and reads transcripts only of, connections of its own types
 * ({@link CallerTypes}); another type's connection is {@link NotFound}, as an unknown one, and nothing is written. A
 * transcript of an unknown or deleted connection is not found either, for every caller; the ingress refuses those
 * itself (and disabled ones).
 * <p>
 * The core's webhook endpoint is in the core's bundle, which serves no channel: it checks the type of the webhook's
 * connection itself and that a connector returns events of that connection only.
 */
@Component(service = {Ingress.class, ClientTranscripts.class}, scope = ServiceScope.BUNDLE)
public final class ScopedIngress implements Ingress, ClientTranscripts {

    private final IngressImpl ingress;
    private final ClientTranscriptsImpl transcripts;
    private final ConnectionDirectory connections;
    private final CallerTypes caller;

    @Activate
    public ScopedIngress(@Reference IngressImpl ingress, @Reference ClientTranscriptsImpl transcripts,
                         @Reference ConnectionDirectory connections, @Reference ConnectorRegistry registry,
                         ComponentContext context) {
        this(ingress, transcripts, connections, new CallerTypes(registry, context.getUsingBundle().getBundleId()));
    }

    /* Outside OSGi (tests): a factory, so the component keeps one public constructor. */
    public static ScopedIngress of(IngressImpl ingress, ClientTranscriptsImpl transcripts,
                                   ConnectionDirectory connections, CallerTypes caller) {
        return new ScopedIngress(ingress, transcripts, connections, caller);
    }

    private ScopedIngress(IngressImpl ingress, ClientTranscriptsImpl transcripts, ConnectionDirectory connections,
                          CallerTypes caller) {
        this.ingress = ingress;
        this.transcripts = transcripts;
        this.connections = connections;
        this.caller = caller;
    }

    @Override
    public Received accept(InboundMessage message) {
        if (caller.limited()) {
            reachable(message.connection());
        }
        return ingress.accept(message);
    }

    @Override
    public Optional<Received> apply(InboundEvent event) {
        if (caller.limited()) {
            reachable(event.connection());
        }
        return ingress.apply(event);
    }

    @Override
    public Optional<ChatId> chat(ConnectionId connection, String externalUserId) {
        if (connection != null) {
            reachable(connection);
        }
        return transcripts.chat(connection, externalUserId);
    }

    @Override
    public Page<ClientMessage> history(ConnectionId connection, String externalUserId, Optional<String> before,
                                       int size) {
        if (connection != null) {
            reachable(connection);
        }
        return transcripts.history(connection, externalUserId, before, size);
    }

    /** The connection exists, is not deleted, and is of a type the caller may reach; else it is not found. */
    private void reachable(ConnectionId id) {
        connections.live(id).filter(l -> caller.allows(l.type()))
                .orElseThrow(() -> new NotFound("connection", id));
    }
}
