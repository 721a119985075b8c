package dev.switchboard.itest.kit;

import java.util.UUID;

/**
 * A client's message as the contract asks a channel to carry it: the platform's message id, the client's id on
 * the platform, the client's names and the text.
 */
public record ClientMessage(String id, String user, String firstName, String lastName, String text) {

    /** A new message of a new client, with ids no other test uses. */
    public static ClientMessage fromNewClient(String lastName, String text) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return new ClientMessage("msg-" + run, "client-" + run, "Client", lastName, text);
    }

    /** The same client's next message. */
    public ClientMessage next(String text) {
        return new ClientMessage("msg-" + UUID.randomUUID().toString().substring(0, 8), user, firstName, lastName,
                text);
    }
}
