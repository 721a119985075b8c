package dev.switchboard.api.chat;

import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.RequestId;
import java.time.Instant;
import java.util.Optional;

/**
 * One request of a client (CARD-7, CARD-9): from the client's first message after Done to the next Done.
 *
 * @param firstMessage the text of the message that opened it, shortened
 * @param closedAt     empty while the request is open
 */
public record RequestSummary(RequestId id, ChatId chat, String channel, Instant openedAt, String firstMessage,
                             Optional<Instant> closedAt, Optional<MemberId> closedBy) {
}
