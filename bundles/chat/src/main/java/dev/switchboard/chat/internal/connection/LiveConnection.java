package dev.switchboard.chat.internal.connection;

import dev.switchboard.api.channel.ChannelCapabilities;
import dev.switchboard.api.channel.ConnectionContext;

/**
 * A connection as the ingress, the webhook endpoint and the outbox use it: its context (settings decrypted), whether
 * it is switched on, and the version the context was read at.
 */
public record LiveConnection(ConnectionContext context, State state, long version) {

    /** An owner's switch; deleted connections are never live. */
    public enum State {
        ENABLED,
        DISABLED
    }

    public boolean enabled() {
        return state == State.ENABLED;
    }

    public long id() {
        return context.connection().id().value();
    }

    public String type() {
        return context.connection().type();
    }
}
