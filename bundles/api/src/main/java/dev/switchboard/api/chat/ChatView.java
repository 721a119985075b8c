package dev.switchboard.api.chat;

import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A chat as its window shows it (WIN-1, WIN-2).
 *
 * @param previousResponsible shown for repeat requests (INB-3)
 * @param pendingHandover     the member the responsible offered the chat to, until they accept or decline
 * @param contact             the client's card (CARD-1); empty only for chats that predate cards
 * @param unreachable         why the client cannot be written to (blocked the bot, unsubscribed), until they write
 * @param clientLastWrote     when the client last wrote (the start of a platform's messaging window)
 */
public record ChatView(ChatId id, ProjectId project, ConnectionId connection, String channel, String clientName,
                       ChatState state, Optional<GroupId> group, Optional<MemberId> responsible,
                       Optional<MemberId> previousResponsible, Set<MemberId> participants,
                       Optional<MemberId> pendingHandover, Instant lastActivity,
                       Optional<ContactId> contact, Optional<String> unreachable, Optional<Instant> clientLastWrote) {
    public ChatView {
        participants = Set.copyOf(participants);
    }
}
