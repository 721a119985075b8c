package dev.switchboard.chat.internal.connection;

import dev.switchboard.api.domain.ConnectionId;
import java.util.Optional;

/**
 * The chat bundle's own view of connections, served from a cache that every change on this node clears at once and
 * that re-reads a connection whose version moved (architecture §4): the ingress checks the version in its own
 * transaction, so a connection changed, disabled or deleted on another node is never served once that commit is
 * seen. Deleted connections are never live.
 */
public interface Connections {

    /** The connection, enabled or disabled, with its settings decrypted; empty when unknown or deleted. */
    Optional<LiveConnection> live(ConnectionId id);

    /** The connection by its webhook key; empty when no connection has that key (or it was deleted). */
    Optional<LiveConnection> byWebhookKey(String key);

    /** Forgets what the cache holds of a connection (its version moved under us). */
    void forget(ConnectionId id);

    /**
     * The connection failed for a reason of its own (the platform refused its token, DeliveryResult
     * ConnectionFailing): its status shows FAILING with the reason, for the owner to fix.
     */
    void failing(ConnectionId id, String reason);

    /** The connection worked (a send went out, a webhook arrived): a FAILING status goes back to CONNECTED. */
    void working(ConnectionId id);

    /** The platform reached the connection's webhook just now (recorded at most about once a minute). */
    void webhookReceived(ConnectionId id);
}
