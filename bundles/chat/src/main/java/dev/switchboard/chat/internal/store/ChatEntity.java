package dev.switchboard.chat.internal.store;

import dev.switchboard.api.chat.ChatState;
import dev.switchboard.api.chat.ChatSummary;
import dev.switchboard.api.domain.ChatId;
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
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

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

    @Version
    private long version;

    protected ChatEntity() {
    }

    public ChatEntity(long projectId, String clientName, String channel, Instant at) {
        this.projectId = projectId;
        this.clientName = clientName;
        this.channel = channel;
        this.state = ChatState.NEW;
        this.lastActivity = utc(at);
    }

    public Long id() {
        return id;
    }

    public ChatSummary toSummary() {
        return new ChatSummary(new ChatId(id), clientName, channel, state,
                lastMessage == null ? "" : lastMessage, lastActivity.toInstant(),
                Optional.ofNullable(responsibleId).map(MemberId::new),
                Optional.ofNullable(previousResponsibleId).map(MemberId::new));
    }

    /** Jakarta Persistence 3.1 has no Instant mapping; times are stored as UTC offsets. */
    private static OffsetDateTime utc(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
