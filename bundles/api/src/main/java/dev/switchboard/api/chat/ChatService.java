package dev.switchboard.api.chat;

import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.files.StoredFile;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The chat engine's actions (DIST, TEAM, WIN, MSG-3, MSG-4). Every write checks the rules first: an action the
 * rules do not allow throws {@link dev.switchboard.api.error.NotAllowed} and writes nothing; a lost race throws
 * {@link dev.switchboard.api.error.Conflict} (for a take, {@link dev.switchboard.api.error.AlreadyTaken} naming
 * the winner). Each successful action writes its system message in the same transaction and publishes
 * {@link ChatEvents} after commit.
 * <p>
 * The acting member's project is the only one a call reaches: a chat, message, group, file or member of another
 * project is {@link dev.switchboard.api.error.NotFound}, as an id that names nothing, and nothing is written; the rules
 * are asked only after that, so {@code NotAllowed} never tells an outsider that something exists (issue 12).
 */
public interface ChatService {

    ChatView get(ChatId chat, MemberId viewer);

    /** Messages newest first, keyset-paged; notes and system messages included (the team sees them). */
    Page<Message> history(ChatId chat, MemberId viewer, Optional<String> before, int size);

    /** What {@code viewer} may do with the chat now: the console offers exactly these. */
    Set<ChatAction> allowedActions(ChatId chat, MemberId viewer);

    /** Takes a New chat (DIST-1); on a repeat request by someone else, the previous responsible joins (TEAM-2). */
    ChatView take(ChatId chat, MemberId actor);

    /** A senior manager (owner, admin, or a member allowed to see New) gives a New chat to {@code to} (DIST-2). */
    ChatView assign(ChatId chat, MemberId actor, MemberId to);

    /** The responsible offers the chat to {@code to} (TEAM-4). */
    ChatView handOver(ChatId chat, MemberId actor, MemberId to);

    ChatView acceptHandover(ChatId chat, MemberId actor);

    ChatView declineHandover(ChatId chat, MemberId actor);

    ChatView addParticipant(ChatId chat, MemberId actor, MemberId member);

    ChatView removeParticipant(ChatId chat, MemberId actor, MemberId member);

    /** A participant leaves (INB-4b, TEAM-5). */
    ChatView leave(ChatId chat, MemberId actor);

    /** The responsible forwards the chat to a group: it lands in that group's New (TEAM-4). */
    ChatView forward(ChatId chat, MemberId actor, GroupId group);

    /** Only the responsible closes the request (WIN-3, TEAM-3). */
    ChatView done(ChatId chat, MemberId actor);

    /** An owner or admin takes an active chat from its responsible (WIN-5, TEAM-1). */
    ChatView takeOver(ChatId chat, MemberId actor);

    /**
     * Queues a message to the client (responsible and participants only, TEAM-5/6). The message and its delivery
     * task are stored together; a repeated {@code idempotencyKey} returns the message stored the first time.
     */
    default Message send(ChatId chat, MemberId actor, String text, Optional<String> idempotencyKey) {
        return send(chat, actor, text, List.of(), idempotencyKey);
    }

    /**
     * Queues a message with files uploaded to this chat by {@link #upload} (MSG-2, INP-2, INP-3); the text may be
     * empty when there are files. Images the channel does not take as they are go out as JPEG.
     *
     * @throws dev.switchboard.api.error.InvalidInput a text over the channel's limit, or a file the channel does not
     *         take
     * @throws dev.switchboard.api.error.NotFound     a file that is not an upload of this chat's project
     * @throws dev.switchboard.api.error.Conflict     when the chat cannot take messages now
     *         ({@link SendConditions#unavailable()}: key {@code error.send.<reason>})
     */
    Message send(ChatId chat, MemberId actor, String text, List<FileId> files, Optional<String> idempotencyKey);

    /**
     * What the composer may send in the chat now: the channel's limits and why nothing can be sent, if so (INP-2,
     * INP-3). Anyone who may read the chat may ask.
     */
    SendConditions sendConditions(ChatId chat, MemberId viewer);

    /**
     * Stores a file the member is about to send in the chat (INP-2, INP-3), streamed; it stays unsent until a
     * {@link #send} names it, and is removed after a day if none does.
     *
     * @throws dev.switchboard.api.error.NotAllowed   when the member may not send in the chat
     * @throws dev.switchboard.api.error.InvalidInput an executable, a kind the channel does not take, a file over the
     *         channel's or the spec's limit (fields {@code file.*}, see
     *         {@link dev.switchboard.api.files.FileStore#store})
     */
    StoredFile upload(ChatId chat, MemberId actor, String name, InputStream content);

    /** A note for the team, never sent to the client (MSG-3, INP-4); anyone who may read the chat may write one. */
    Message note(ChatId chat, MemberId actor, String text);

    /** Queues a FAILED outbound message again; allowed to whoever may {@link ChatAction#SEND} in its chat. */
    Message retry(MessageId message, MemberId actor);
}
