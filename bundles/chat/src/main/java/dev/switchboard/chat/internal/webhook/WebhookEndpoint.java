package dev.switchboard.chat.internal.webhook;

import dev.switchboard.api.channel.ChannelConnector;
import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.channel.WebhookAnswer;
import dev.switchboard.api.channel.WebhookOutcome;
import dev.switchboard.api.channel.WebhookRequest;
import dev.switchboard.api.channel.Webhooks;
import dev.switchboard.api.error.DomainException;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.chat.internal.connection.ConnectorRegistry;
import dev.switchboard.chat.internal.connection.Connections;
import dev.switchboard.chat.internal.connection.LiveConnection;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's webhook endpoint behind {@code /hooks/<type>/<key>} (architecture §4, channels.md "patterns"): finds
 * the connection by its key, lets the type's connector verify and read the call, stores what it found through the
 * ingress, and answers only after every event is committed. The HTTP bundle adapts requests to this service.
 * <ul>
 *   <li>A key of no connection, a deleted one or one of another type: 404. A disabled connection: 403; also when
 *       the ingress finds it switched off or deleted meanwhile (on another node), so that the platform is not told
 *       the events were delivered.</li>
 *   <li>No connector of the type installed (its bundle stopped or updating): 503, so that the platform retries.</li>
 *   <li>Refused verification: 401/403 as the connector says, nothing stored.</li>
 *   <li>An event the ingress refuses for good (a text over the limit): logged and skipped, the rest stored, 200.
 *       A passing failure (the database away): 503, the platform delivers again and what was stored is a
 *       duplicate then.</li>
 * </ul>
 */
@Component(service = Webhooks.class)
public final class WebhookEndpoint implements Webhooks {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookEndpoint.class);

    private final Connections connections;
    private final ConnectorRegistry connectors;
    private final Ingress ingress;

    @Activate
    public WebhookEndpoint(@Reference Connections connections, @Reference ConnectorRegistry connectors,
                           @Reference Ingress ingress) {
        this.connections = connections;
        this.connectors = connectors;
        this.ingress = ingress;
    }

    @Override
    public WebhookAnswer receive(String type, String key, WebhookRequest request) {
        Optional<LiveConnection> found;
        try {
            found = connections.byWebhookKey(key);
        } catch (RuntimeException e) {
            LOG.warn("Webhook for type {} not served: the connections cannot be read now ({})", type, e.toString());
            return WebhookAnswer.text(503, "not available, try again");
        }
        if (found.isEmpty() || !found.get().type().equals(type)) {
            return notFound();
        }
        LiveConnection live = found.get();
        if (!live.enabled()) {
            return switchedOff();
        }
        Optional<ChannelConnector> connector = connectors.connector(type);
        if (connector.isEmpty()) {
            return WebhookAnswer.text(503, "the channel is being updated, try again");
        }
        WebhookOutcome outcome;
        try {
            outcome = connector.get().handle(request, live.context());
        } catch (RuntimeException e) {
            LOG.warn("Connector {} failed on a webhook of connection {}", type, live.id(), e);
            return WebhookAnswer.text(503, "not available, try again");
        }
        if (outcome == null) {
            LOG.warn("Connector {} gave no outcome for a webhook of connection {}", type, live.id());
            return WebhookAnswer.text(503, "not available, try again");
        }
        if (outcome instanceof WebhookOutcome.Refuse refuse) {
            // never the payload or its headers: they may hold personal data, or a forger's guesses at our secret
            LOG.warn("Refused a webhook of connection {} ({}): {}", live.id(), type, refuse.reason());
            return WebhookAnswer.text(refuse.status(), refuse.status() == 401 ? "unauthorized" : "forbidden");
        }
        connections.webhookReceived(live.context().connection().id());
        if (outcome instanceof WebhookOutcome.Answer answer) {
            return answer.answer();
        }
        if (outcome instanceof WebhookOutcome.Ignore ignore) {
            LOG.info("Ignored a webhook of connection {} ({}): {}", live.id(), type, ignore.reason());
            return ignore.answer();
        }
        WebhookOutcome.Accept accept = (WebhookOutcome.Accept) outcome;
        for (InboundEvent event : accept.events()) {
            if (!live.context().connection().id().equals(event.connection())) {
                // a connector writes only into the connection the platform called: anything else is its bug
                LOG.error("Connector {} returned an event for connection {} from a webhook of connection {};"
                        + " skipped", type, event.connection(), live.id());
                continue;
            }
            try {
                ingress.apply(event);
            } catch (DomainException permanent) {
                if (permanent instanceof NotFound) {
                    // the ingress checks the connection in its own transaction: switched off or deleted since it
                    // was read here (maybe on another node), it is answered as at the door, not as delivered
                    Optional<WebhookAnswer> closed = closedMeanwhile(live);
                    if (closed.isPresent()) {
                        return closed.get();
                    }
                }
                // it would fail the same way on every redelivery: skip it, so the platform does not repeat it
                LOG.warn("Skipped an event of connection {} ({}) that can never be stored: {}", live.id(),
                        event.getClass().getSimpleName(), permanent.getMessage());
            } catch (RuntimeException passing) {
                LOG.warn("Could not store an event of connection {} now; the platform is asked to deliver again: {}",
                        live.id(), passing.toString());
                return WebhookAnswer.text(503, "not stored, try again");
            }
        }
        return accept.answer();
    }

    /** 404 or 403 when the connection is now deleted or switched off; empty while it is on. */
    private Optional<WebhookAnswer> closedMeanwhile(LiveConnection live) {
        Optional<LiveConnection> now;
        try {
            now = connections.live(live.context().connection().id());
        } catch (RuntimeException e) {
            LOG.warn("Webhook of connection {} not served: the connection cannot be read now ({})", live.id(),
                    e.toString());
            return Optional.of(WebhookAnswer.text(503, "not available, try again"));
        }
        if (now.isEmpty()) {
            return Optional.of(notFound());
        }
        return now.get().enabled() ? Optional.empty() : Optional.of(switchedOff());
    }

    private static WebhookAnswer notFound() {
        return WebhookAnswer.text(404, "no such webhook");
    }

    private static WebhookAnswer switchedOff() {
        return WebhookAnswer.text(403, "this connection is switched off");
    }
}
