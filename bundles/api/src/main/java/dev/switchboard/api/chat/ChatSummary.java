package dev.switchboard.api.chat;

import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.MemberId;
import java.time.Instant;
import java.util.Optional;

/**
 * A chat as a line of the inbox list.
 *
 * @param channel              the channel type of the chat's connection ({@code telegram}, {@code widget}, ...)
 * @param lastMessage          the text of the last client or team message, shortened
 * @param responsible          who is responsible now (empty in New)
 * @param previousResponsible  who was responsible before Done, shown for repeat requests (INB-3)
 * @param contact              the client's card; empty only for chats that predate cards
 */
public record ChatSummary(ChatId id, String clientName, String channel, ChatState state, String lastMessage,
                          Instant lastActivity, Optional<MemberId> responsible,
                          Optional<MemberId> previousResponsible, Optional<ContactId> contact) {
}
