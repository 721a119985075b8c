package dev.switchboard.api.card;

import dev.switchboard.api.domain.ConnectionId;

/** The client as one channel connection knows them (CARD-2). */
public record Identity(ConnectionId connection, String channel, String externalUserId) {
}
