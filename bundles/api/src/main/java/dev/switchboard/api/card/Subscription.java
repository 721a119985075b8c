package dev.switchboard.api.card;

import java.time.Instant;

/**
 * The client's subscription to an automessage chain (CARD-5). Chains belong to the automessages plugin; the
 * card keeps which chains the client is subscribed to, so that filters (INB-7) and the card can show them.
 *
 * @param chain     the chain's stable key in its plugin
 * @param chainName the chain's name when subscribed, shown when the plugin is not running
 */
public record Subscription(String chain, String chainName, Instant since) {
}
