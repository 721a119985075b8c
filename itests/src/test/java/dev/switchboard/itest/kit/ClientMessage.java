package dev.switchboard.itest.kit;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A client's message as the contract asks a channel to carry it: the platform's message id, the client's id on
 * the platform, the client's names and the text. The ids are numbers, as most platforms' are (Telegram's chat and
 * message ids must be), written as text.
 */
public record ClientMessage(String id, String user, String firstName, String lastName, String text) {

    /** A new message of a new client, with ids no other test uses. */
    public static ClientMessage fromNewClient(String lastName, String text) {
        // a client id of 10 to 13 digits, as Telegram's user ids are; a message id within 31 bits
        return new ClientMessage(messageId(), Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L,
                1L << 42)), "Client", lastName, text);
    }

    /** The same client's next message. */
    public ClientMessage next(String text) {
        return new ClientMessage(messageId(), user, firstName, lastName, text);
    }

    private static String messageId() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1, 1L << 31));
    }
}
