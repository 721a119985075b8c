package dev.switchboard.api.channel;

import dev.switchboard.api.domain.ConnectionId;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Connections as a channel bundle that serves its own HTTP sees them (the website widget: its visitors' browsers
 * call the bundle, not the core's {@link Webhooks}). Answers come from the core's connection cache, which learns of
 * every change on this node at once and re-reads a connection whose version moved on another node; the ingress checks
 * the connection again in its own transaction, so a message for a connection switched off meanwhile is refused with
 * {@link dev.switchboard.api.error.NotFound}.
 */
@ProviderType
public interface LiveConnections {

    /**
     * The switched-on connection of {@code type} that {@code key} names (the key of its webhook address, which a
     * widget's script tag carries as its public key), with its settings decrypted; empty for an unknown key, a
     * connection of another type, a disabled or a deleted one.
     */
    Optional<ConnectionContext> byKey(String type, String key);

    /**
     * The switched-on connection with this id, with its settings decrypted; empty when disabled or deleted, and when
     * it is of a type the calling bundle does not serve (its secrets are another channel's, issue 12).
     */
    Optional<ConnectionContext> byId(ConnectionId id);
}
