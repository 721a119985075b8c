package dev.switchboard.chat.internal.transcript;

import dev.switchboard.api.chat.ClientMessage;
import dev.switchboard.api.chat.ClientTranscripts;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.chat.MessageKind;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.chat.internal.inbox.Cursor;
import dev.switchboard.chat.internal.store.ChatUnit;
import dev.switchboard.chat.internal.store.MessageEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A client's chat as the client sees it (MSG-1, MSG-2, MSG-3), for channels that show the history themselves (the
 * website widget). The chat is found by the client's identity on the connection alone, so no id a caller passes
 * can reach another client's chat. What the client never saw stays out in the query itself: notes and system
 * messages (MSG-3), and team messages still queued or failed (the channel never took them). The chat's history
 * index serves it as it serves the team's history; the rows it skips are a minority of a chat's.
 * <p>
 * Authors' names are read after the chat unit's read, as the engine reads members before its transactions: a
 * reader of this unit never waits for a second pool connection.
 * <p>
 * Bundles get it through {@link dev.switchboard.chat.internal.scope.ScopedIngress}, which refuses an unknown or
 * deleted connection, and one of a type the calling channel bundle does not serve (issue 12).
 */
@Component(service = ClientTranscriptsImpl.class)
public final class ClientTranscriptsImpl implements ClientTranscripts {

    /** What the client has seen of a chat: their own messages and the team's that the channel took. */
    static final String VISIBLE = "(m.kind = 'INBOUND' or (m.kind = 'OUTBOUND'"
            + " and m.delivery in ('SENT', 'DELIVERED', 'READ')))";

    private final PersistenceUnit unit;
    private final MemberService members;

    @Activate
    public ClientTranscriptsImpl(@Reference ChatUnit unit, @Reference MemberService members) {
        this(unit.unit(), members);
    }

    /* Outside OSGi (tests, benchmarks): a factory, so the component keeps one public constructor per arity. */
    public static ClientTranscriptsImpl on(PersistenceUnit unit, MemberService members) {
        return new ClientTranscriptsImpl(unit, members);
    }

    private ClientTranscriptsImpl(PersistenceUnit unit, MemberService members) {
        this.unit = unit;
        this.members = members;
    }

    @Override
    public Optional<ChatId> chat(ConnectionId connection, String externalUserId) {
        if (connection == null || externalUserId == null) {
            return Optional.empty();
        }
        return unit.read((em, tx) -> chatOf(em, connection, externalUserId)).map(ChatId::new);
    }

    @Override
    public Page<ClientMessage> history(ConnectionId connection, String externalUserId, Optional<String> before,
                                       int size) {
        if (size < 1 || size > 200) {
            throw new InvalidInput("size", "must be 1 to 200");
        }
        Optional<Cursor> cursor = before.map(Cursor::decode);
        if (connection == null || externalUserId == null) {
            return Page.last(List.of());
        }
        Page<Message> page = unit.read((em, tx) -> {
            Optional<Long> chat = chatOf(em, connection, externalUserId);
            if (chat.isEmpty()) {
                return Page.<Message>last(List.of());
            }
            Query q = em.createNativeQuery("select m.* from message m where m.chat_id = ?1 and " + VISIBLE
                    // "created_at <= ?2" makes the cursor an index condition (see InboxQueries.page)
                    + cursor.map(x -> " and m.created_at <= ?2"
                            + " and (m.created_at < ?2 or (m.created_at = ?2 and m.id < ?3))").orElse("")
                    + " order by m.created_at desc, m.id desc limit " + (size + 1), MessageEntity.class)
                    .setParameter(1, chat.get());
            cursor.ifPresent(x -> q.setParameter(2, StoreTimes.utc(x.lastActivity())).setParameter(3, x.id()));
            @SuppressWarnings("unchecked")
            List<MessageEntity> rows = q.getResultList();
            return Cursor.messages(em, rows, size);
        });
        Map<MemberId, Optional<String>> authors = new HashMap<>();
        List<ClientMessage> items = page.items().stream().map(m -> toClient(m, m.kind() == MessageKind.OUTBOUND
                ? m.author().flatMap(a -> authors.computeIfAbsent(a, this::displayName)) : Optional.empty()))
                .toList();
        return new Page<>(items, page.next());
    }

    private Optional<String> displayName(MemberId member) {
        return members.find(member).map(Member::displayName);
    }

    private static ClientMessage toClient(Message m, Optional<String> authorName) {
        boolean fromClient = m.kind() == MessageKind.INBOUND;
        return new ClientMessage(m.id(), m.chat(), fromClient, m.text(), m.at(), authorName, m.attachments(),
                m.editedAt(), fromClient ? Optional.empty() : m.delivery());
    }

    private static Optional<Long> chatOf(EntityManager em, ConnectionId connection, String externalUserId) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("select id from chat where connection_id = ?1"
                        + " and external_user_id = ?2")
                .setParameter(1, connection.value()).setParameter(2, externalUserId).getResultList();
        return ids.stream().findFirst().map(id -> ((Number) id).longValue());
    }
}
