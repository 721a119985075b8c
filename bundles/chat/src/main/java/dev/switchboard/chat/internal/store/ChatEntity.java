package dev.switchboard.chat.internal.store;

import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.chat.ChatState;
import dev.switchboard.api.chat.ChatSummary;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.MemberId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A chat: one client on one connection (architecture §3). State changes go through the engine, which checks the
 * rules first; {@code version} makes concurrent changes lose with a conflict instead of overwriting each other.
 */
@Entity
@Table(name = "chat")
public class ChatEntity {

    @Id
    @SequenceGenerator(name = "chat_seq", sequenceName = "chat_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "chat_seq")
    private Long id;

    @Column(name = "project_id", nullable = false)
    private Long projectId;

    @Column(name = "client_name", nullable = false)
    private String clientName;

    @Column(nullable = false)
    private String channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ChatState state;

    @Column(name = "responsible_id")
    private Long responsibleId;

    @Column(name = "previous_responsible_id")
    private Long previousResponsibleId;

    @Column(name = "last_message")
    private String lastMessage;

    @Column(name = "last_activity", nullable = false)
    private OffsetDateTime lastActivity;

    @Column(name = "connection_id")
    private Long connectionId;

    @Column(name = "external_user_id")
    private String externalUserId;

    @Column(name = "group_id")
    private Long groupId;

    @Column(name = "contact_id")
    private Long contactId;

    @Column(name = "pending_handover_id")
    private Long pendingHandoverId;

    /** Set when the client wrote after Done and nobody has taken the chat since (INB-3, TEAM-2). */
    @Column(name = "repeat_request", nullable = false)
    private boolean repeatRequest;

    @Version
    private long version;

    /** Why the client cannot be written to; written by native updates only (no version bump), see Reachability. */
    @Column(name = "unreachable_reason", insertable = false, updatable = false)
    private String unreachableReason;

    /** When the client last wrote: a platform's messaging window opens then; written by the ingress natively. */
    @Column(name = "client_last_wrote", insertable = false, updatable = false)
    private OffsetDateTime clientLastWrote;

    protected ChatEntity() {
    }

    public ChatEntity(long projectId, String clientName, String channel, Instant at) {
        this.projectId = projectId;
        this.clientName = clientName;
        this.channel = channel;
        this.state = ChatState.NEW;
        this.lastActivity = StoreTimes.utc(at);
    }

    /** A client's first chat on a connection. */
    public static ChatEntity forClient(long projectId, long connectionId, String channel, String externalUserId,
                                       String clientName, Instant at) {
        ChatEntity c = new ChatEntity(projectId, clientName, channel, at);
        c.connectionId = connectionId;
        c.externalUserId = externalUserId;
        return c;
    }

    public ChatSummary toSummary() {
        return new ChatSummary(new ChatId(id), clientName, channel, state,
                lastMessage == null ? "" : lastMessage, lastActivity.toInstant(),
                Optional.ofNullable(responsibleId).map(MemberId::new),
                Optional.ofNullable(previousResponsibleId).map(MemberId::new),
                Optional.ofNullable(contactId).map(ContactId::new));
    }

    public Long id() {
        return id;
    }

    public long projectId() {
        return projectId;
    }

    public String clientName() {
        return clientName;
    }

    public void setClientName(String clientName) {
        this.clientName = clientName;
    }

    public String channel() {
        return channel;
    }

    public ChatState state() {
        return state;
    }

    public void setState(ChatState state) {
        this.state = state;
    }

    public Optional<Long> responsibleId() {
        return Optional.ofNullable(responsibleId);
    }

    public void setResponsibleId(Long responsibleId) {
        this.responsibleId = responsibleId;
    }

    public Optional<Long> previousResponsibleId() {
        return Optional.ofNullable(previousResponsibleId);
    }

    public void setPreviousResponsibleId(Long previousResponsibleId) {
        this.previousResponsibleId = previousResponsibleId;
    }

    public Optional<Long> connectionId() {
        return Optional.ofNullable(connectionId);
    }

    public String externalUserId() {
        return externalUserId;
    }

    public Optional<Long> contactId() {
        return Optional.ofNullable(contactId);
    }

    public void setContactId(Long contactId) {
        this.contactId = contactId;
    }

    public Optional<Long> groupId() {
        return Optional.ofNullable(groupId);
    }

    public void setGroupId(Long groupId) {
        this.groupId = groupId;
    }

    public Optional<Long> pendingHandoverId() {
        return Optional.ofNullable(pendingHandoverId);
    }

    public void setPendingHandoverId(Long pendingHandoverId) {
        this.pendingHandoverId = pendingHandoverId;
    }

    public Optional<String> unreachableReason() {
        return Optional.ofNullable(unreachableReason);
    }

    public Optional<Instant> clientLastWrote() {
        return Optional.ofNullable(clientLastWrote).map(OffsetDateTime::toInstant);
    }

    public boolean repeatRequest() {
        return repeatRequest;
    }

    public void setRepeatRequest(boolean repeatRequest) {
        this.repeatRequest = repeatRequest;
    }

    public Instant lastActivity() {
        return lastActivity.toInstant();
    }

    public void touch(Instant at, String message) {
        if (at.isAfter(lastActivity.toInstant())) {
            lastActivity = StoreTimes.utc(at);
        }
        if (message != null) {
            lastMessage = shorten(message);
        }
    }

    public long version() {
        return version;
    }

    /** The inbox shows a line of the last message (ChatSummary); the column holds 280 characters. */
    public static String shorten(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 280 ? line : line.substring(0, 279) + "…";
    }
}
