package dev.switchboard.chat.internal.scope;

import dev.switchboard.chat.internal.connection.ConnectorRegistry;

/**
 * Which channel types the bundle that called may reach (issue 12). A channel bundle (one that registered a
 * {@link dev.switchboard.api.channel.ChannelConnector}) reaches the connections of its own types only: the website
 * widget cannot store a message in, read a transcript of, or learn the token of a Telegram connection, whatever id it
 * is handed. A bundle that registered no connector (the core's own, the console, the card, a test) is not a channel
 * and is not limited by type; what it may do is decided by the acting member, where there is one.
 * <p>
 * Asked on every call, since a bundle may register its connector after it got the service.
 */
public final class CallerTypes {

    private final ConnectorRegistry registry;
    private final long bundle;

    public CallerTypes(ConnectorRegistry registry, long bundle) {
        this.registry = registry;
        this.bundle = bundle;
    }

    /** Whether the caller is a channel bundle, limited to its own types. */
    public boolean limited() {
        return !registry.typesOf(bundle).isEmpty();
    }

    /** Whether the caller may reach connections of {@code type}. */
    public boolean allows(String type) {
        var own = registry.typesOf(bundle);
        return own.isEmpty() || own.contains(type);
    }
}
