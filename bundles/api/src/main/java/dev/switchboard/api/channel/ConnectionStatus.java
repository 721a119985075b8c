package dev.switchboard.api.channel;

import java.time.Instant;
import java.util.Optional;

/**
 * How a connection is doing, as the console's Channels page shows it.
 *
 * @param state        where the connection stands
 * @param lastError    the last thing that went wrong (registering the webhook, a refused token), with its time
 * @param lastWebhook  when the platform last reached the connection's webhook (kept to about a minute)
 */
public record ConnectionStatus(State state, Optional<String> lastError, Optional<Instant> lastErrorAt,
                               Optional<Instant> lastWebhook) {

    /** Where a connection stands. */
    public enum State {
        /** created or changed; its connector has not confirmed it yet (or is not installed) */
        PENDING,
        /** the connector registered it at the platform and it works */
        CONNECTED,
        /** the last attempt to register or to use it failed: {@link #lastError()} says why */
        FAILING,
        /** switched off by an owner or admin: webhooks are refused, nothing is sent */
        DISABLED
    }
}
