package dev.switchboard.api.channel;

/** How registering a connection at its platform went ({@link ChannelConnector#connect}). */
public sealed interface ConnectResult {

    /** The platform took it (Telegram's {@code setWebhook} said ok): the connection shows connected. */
    record Connected() implements ConnectResult {
    }

    /** It did not: the connection shows failing with {@code reason} (for the owner; never a secret in it). */
    record Failed(String reason) implements ConnectResult {
    }

    static ConnectResult connected() {
        return new Connected();
    }

    static ConnectResult failed(String reason) {
        return new Failed(reason);
    }
}
