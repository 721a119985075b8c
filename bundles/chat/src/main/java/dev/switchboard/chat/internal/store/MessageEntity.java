package dev.switchboard.chat.internal.store;

import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.chat.Attachment;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.chat.MessageKind;
import dev.switchboard.api.chat.Origin;
import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.MessageId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** One message of a chat (MSG-1..4); system messages keep their event typed through {@link SystemEventCodec}. */
@Entity
@Table(name = "message")
public class MessageEntity {

    @Id
    @SequenceGenerator(name = "message_seq", sequenceName = "message_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "message_seq")
    private Long id;

    @Column(name = "project_id", nullable = false)
    private Long projectId;

    @Column(name = "chat_id", nullable = false)
    private Long chatId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MessageKind kind;

    @Enumerated(EnumType.STRING)
    private Origin origin;

    @Column(name = "author_id")
    private Long authorId;

    @Column(nullable = false)
    private String text;

    @Column(name = "event_type")
    private String eventType;

    @Column(name = "event_by")
    private Long eventBy;

    @Column(name = "event_member")
    private Long eventMember;

    @Column(name = "event_group")
    private Long eventGroup;

    @Column(name = "event_args")
    private String eventArgs;

    @Enumerated(EnumType.STRING)
    private DeliveryState delivery;

    private String failure;

    @Column(name = "connection_id")
    private Long connectionId;

    @Column(name = "external_id")
    private String externalId;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    /** When the client last edited the message; set by the ingress natively. */
    @Column(name = "edited_at", insertable = false, updatable = false)
    private OffsetDateTime editedAt;

    /** The text before the client's first edit, kept for the team. */
    @Column(name = "original_text", insertable = false, updatable = false)
    private String originalText;

    protected MessageEntity() {
    }

    private MessageEntity(long projectId, long chatId, MessageKind kind, String text, Instant at) {
        this.projectId = projectId;
        this.chatId = chatId;
        this.kind = kind;
        this.text = text;
        this.createdAt = StoreTimes.utc(at);
    }

    public static MessageEntity inbound(long projectId, long chatId, long connectionId, String externalId,
                                        String text, Instant at) {
        MessageEntity m = new MessageEntity(projectId, chatId, MessageKind.INBOUND, text, at);
        m.connectionId = connectionId;
        m.externalId = externalId;
        return m;
    }

    public String text() {
        return text;
    }

    public Instant at() {
        return createdAt.toInstant();
    }

    public static MessageEntity outbound(long projectId, long chatId, long author, String text,
                                         String idempotencyKey, Instant at) {
        MessageEntity m = new MessageEntity(projectId, chatId, MessageKind.OUTBOUND, text, at);
        m.origin = Origin.MANAGER;
        m.authorId = author;
        m.idempotencyKey = idempotencyKey;
        m.delivery = DeliveryState.QUEUED;
        return m;
    }

    public static MessageEntity note(long projectId, long chatId, long author, String text, Instant at) {
        MessageEntity m = new MessageEntity(projectId, chatId, MessageKind.NOTE, text, at);
        m.authorId = author;
        return m;
    }

    public static MessageEntity system(long projectId, long chatId, SystemEvent event, Instant at) {
        SystemEventCodec.Columns c = SystemEventCodec.encode(event);
        MessageEntity m = new MessageEntity(projectId, chatId, MessageKind.SYSTEM, c.english(), at);
        m.eventType = c.type();
        m.eventBy = c.by();
        m.eventMember = c.member();
        m.eventGroup = c.group();
        m.eventArgs = c.args();
        return m;
    }

    public Long id() {
        return id;
    }

    public long chatId() {
        return chatId;
    }

    public long projectId() {
        return projectId;
    }

    public MessageKind kind() {
        return kind;
    }

    public Optional<DeliveryState> delivery() {
        return Optional.ofNullable(delivery);
    }

    /** The message without its files (system messages and notes have none). */
    public Message toRecord() {
        return toRecord(List.of());
    }

    public Message toRecord(List<Attachment> attachments) {
        Optional<SystemEvent> event = eventType == null ? Optional.empty()
                : Optional.of(SystemEventCodec.decode(
                        new SystemEventCodec.Columns(eventType, eventBy, eventMember, eventGroup, eventArgs, text)));
        return new Message(new MessageId(id), new ChatId(chatId), kind, Optional.ofNullable(authorId).map(MemberId::new),
                Optional.ofNullable(origin), text, event, createdAt.toInstant(), Optional.ofNullable(delivery),
                Optional.ofNullable(failure), Optional.ofNullable(externalId), attachments,
                Optional.ofNullable(editedAt).map(OffsetDateTime::toInstant), Optional.ofNullable(originalText));
    }
}
