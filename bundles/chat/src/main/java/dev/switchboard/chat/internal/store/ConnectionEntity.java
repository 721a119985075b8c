package dev.switchboard.chat.internal.store;

import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ProjectId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A project's channel connection (architecture §3). */
@Entity
@Table(name = "channel_connection")
public class ConnectionEntity {

    @Id
    @SequenceGenerator(name = "channel_connection_seq", sequenceName = "channel_connection_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "channel_connection_seq")
    private Long id;

    @Column(name = "project_id", nullable = false)
    private Long projectId;

    @Column(nullable = false)
    private String type;

    @Column(nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected ConnectionEntity() {
    }

    public ConnectionEntity(long projectId, String type, String name, Instant at) {
        this.projectId = projectId;
        this.type = type;
        this.name = name;
        this.createdAt = StoreTimes.utc(at);
    }

    public ChannelConnection toRecord() {
        return new ChannelConnection(new ConnectionId(id), new ProjectId(projectId), type, name);
    }
}
