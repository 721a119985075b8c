package dev.switchboard.api.channel;

/**
 * The core's webhook endpoint behind {@code /hooks/<type>/<key>} (architecture §4): the HTTP bundle hands every
 * call here and writes back the answer. It finds the connection by its key (an unguessable token, never its id),
 * asks the type's connector to verify and read the call, stores what it found through the ingress and answers only
 * after the commit:
 * <ul>
 *   <li>404 for a key that names no connection (or a deleted one), or a connection of another type;</li>
 *   <li>403 for a disabled connection;</li>
 *   <li>503 while no connector of the type is installed (its bundle stopped or being updated: platforms retry), and
 *       when the events could not be stored for now;</li>
 *   <li>otherwise what {@link WebhookOutcome} says.</li>
 * </ul>
 */
public interface Webhooks {

    WebhookAnswer receive(String type, String key, WebhookRequest request);
}
