package dev.switchboard.api.channel;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a channel bundle registers, one service per channel type (architecture §4; "Writing a channel" in the plugin
 * developer guide). The core serves the type's webhooks at {@code /hooks/<type>/<key>}, stores what
 * {@link #handle} finds, and hands {@link #send} the messages of the type's connections from its outbox. While no
 * connector of a type is registered (its bundle stopped or being updated), its webhooks answer 503 so that platforms
 * retry, and its messages wait in the outbox; nothing is lost.
 * <p>
 * Every method may be called on several threads at once and for many connections: keep no per-connection state in
 * fields that is not safe for that. Nothing here runs inside a database transaction, and each method may block on
 * the network (use timeouts). Never log secrets or message texts above DEBUG.
 */
@ConsumerType
public interface ChannelConnector {

    /** The channel type ({@code telegram}, {@code widget}, ...): lower-case letters, digits and '-', at most 40. */
    String type();

    /** The channel's name by language tag, for the console: {@code en} required, {@code ru} expected. */
    Map<String, String> names();

    /** What the channel carries and how fast; read often, so return a constant. */
    ChannelCapabilities capabilities();

    /** The settings a connection of this type needs (a bot token, allowed origins); none by default. */
    default List<SettingField> settings() {
        return List.of();
    }

    /**
     * Checks settings the core found well-formed (types and required fields), e.g. a token's shape. May call the
     * platform (Telegram's {@code getMe}) to tell a wrong token at once.
     *
     * @param settings every field's value by key, secrets in plain text
     * @param locale   the language of the owner who is saving, for the problems
     * @return a problem per field key, in the owner's language; empty when the settings are good
     */
    default Map<String, String> validate(Map<String, String> settings, Locale locale) {
        return Map.of();
    }

    /**
     * Registers the connection at the platform, e.g. Telegram's {@code setWebhook} with
     * {@link ConnectionContext#webhookUrl()} and {@link ConnectionContext#webhookSecret()}. Called after a connection
     * was created, changed or enabled, and when an owner asks to reconnect; must be safe to repeat. Channels whose
     * platform is set up by hand (Meta's dashboard) answer connected at once.
     */
    default ConnectResult connect(ConnectionContext connection) {
        return ConnectResult.connected();
    }

    /**
     * Removes the registration at the platform (Telegram's {@code deleteWebhook}) after the connection was disabled
     * or deleted. Best effort: a failure is logged by the core and changes nothing.
     */
    default void disconnect(ConnectionContext connection) throws IOException {
    }

    /**
     * Verifies a webhook call over its raw bytes and reads the events in it (see {@link WebhookOutcome}). Must not
     * store anything itself: the core stores the events and answers only after the commit. Must not throw for a
     * payload it cannot read: say {@link WebhookOutcome.Ignore}. A throw is taken as a passing failure (503).
     */
    WebhookOutcome handle(WebhookRequest request, ConnectionContext connection);

    /**
     * Delivers one message; may block on the network. Must not throw for platform errors but say
     * {@link DeliveryResult.Retry}, {@link DeliveryResult.Refused} or {@link DeliveryResult.ConnectionFailing}; a
     * throw counts as a retry. The outbox has already held the message to {@link #capabilities()} and paces the
     * sends.
     */
    DeliveryResult send(OutboundMessage message);

    /**
     * Opens a file of the platform (an attachment, a photo) for the core's download job, which stores it in the blob
     * store after the message was committed and retries a failure with a backoff.
     *
     * @throws IOException when it cannot be fetched now (tried again later)
     * @throws IllegalArgumentException for a reference that can never be fetched (given up at once)
     */
    default FetchedFile fetch(RemoteFile file, ConnectionContext connection) throws IOException {
        throw new IllegalArgumentException("channel " + type() + " has no files to fetch");
    }

    /**
     * Asks the platform for a new client's profile when their first message came without a photo (Telegram's
     * {@code getUserProfilePhotos}); the core asks once per client, in the background.
     */
    default Optional<ClientProfile> profile(String externalUserId, ConnectionContext connection) throws IOException {
        return Optional.empty();
    }

    /** The channel's name in the reader's language, else English, else the type. */
    default String name(Locale locale) {
        Map<String, String> names = names();
        return names.getOrDefault(locale.getLanguage(), names.getOrDefault("en", type()));
    }
}
