package dev.switchboard.chat.internal.store;

import dev.switchboard.api.store.StoreTimes;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** A request (interaction): opened by the client's first message after Done, closed by Done (CARD-7). */
@Entity
@Table(name = "request")
public class RequestEntity {

    @Id
    @SequenceGenerator(name = "request_seq", sequenceName = "request_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "request_seq")
    private Long id;

    @Column(name = "project_id", nullable = false)
    private Long projectId;

    @Column(name = "chat_id", nullable = false)
    private Long chatId;

    @Column(name = "opened_at", nullable = false)
    private OffsetDateTime openedAt;

    @Column(name = "closed_at")
    private OffsetDateTime closedAt;

    @Column(name = "closed_by")
    private Long closedBy;

    @Column(name = "first_message_id")
    private Long firstMessageId;

    protected RequestEntity() {
    }

    public RequestEntity(long projectId, long chatId, Instant openedAt) {
        this.projectId = projectId;
        this.chatId = chatId;
        this.openedAt = StoreTimes.utc(openedAt);
    }

    public Long id() {
        return id;
    }

    public long projectId() {
        return projectId;
    }

    public long chatId() {
        return chatId;
    }

    public Instant openedAt() {
        return openedAt.toInstant();
    }

    public Optional<Instant> closedAt() {
        return Optional.ofNullable(closedAt).map(OffsetDateTime::toInstant);
    }

    public void setFirstMessageId(long messageId) {
        this.firstMessageId = messageId;
    }
}
