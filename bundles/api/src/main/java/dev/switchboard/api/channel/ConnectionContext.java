package dev.switchboard.api.channel;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A connection as its connector works with it: who it is, its settings with secrets decrypted (never log them), and
 * where the platform must send its webhooks.
 *
 * @param settings      every setting's value by key, secrets in plain text
 * @param webhookUrl    the core's endpoint for this connection, {@code <public URL>/hooks/<type>/<key>}: what the
 *                      connector registers at the platform (Telegram's {@code setWebhook})
 * @param webhookSecret a random secret the core made for this connection (64 characters of {@code A-Za-z0-9_-}),
 *                      for platforms that send back a value the connector chose: Telegram's {@code secret_token},
 *                      Meta's {@code hub.verify_token}
 */
public record ConnectionContext(ChannelConnection connection, Map<String, String> settings, URI webhookUrl,
                                String webhookSecret) {

    public ConnectionContext {
        settings = Map.copyOf(settings);
    }

    /** A setting's value; empty when it is not set or blank. */
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key)).filter(v -> !v.isBlank());
    }

    /** A required setting's value; the core saw to it that it is set. */
    public String required(String key) {
        return setting(key).orElseThrow(() -> new IllegalStateException("setting " + key + " is not set on "
                + connection.id()));
    }

    @Override
    public String toString() {
        // never the settings: they hold secrets
        return "ConnectionContext[" + connection + ", " + webhookUrl.getPath().replaceAll("/[^/]+$", "/…") + "]";
    }
}
