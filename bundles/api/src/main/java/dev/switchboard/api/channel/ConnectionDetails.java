package dev.switchboard.api.channel;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * A connection as an owner or admin manages it on the Channels page and in the shell.
 *
 * @param settings    the values of the non-secret settings
 * @param secretsSet  the keys of the secret settings that have a value (their values are never shown back)
 * @param webhookUrl  the core's endpoint for this connection: what the platform is told to call
 * @param version     pass it back with an edit; a connection changed since gives a Conflict
 */
public record ConnectionDetails(ChannelConnection connection, ConnectionStatus status, Map<String, String> settings,
                                Set<String> secretsSet, URI webhookUrl, long version) {

    public ConnectionDetails {
        settings = Map.copyOf(settings);
        secretsSet = Set.copyOf(secretsSet);
    }

    public boolean enabled() {
        return status.state() != ConnectionStatus.State.DISABLED;
    }
}
