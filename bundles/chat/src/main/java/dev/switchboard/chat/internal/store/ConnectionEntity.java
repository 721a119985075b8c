package dev.switchboard.chat.internal.store;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.store.StoreTimes;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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
 * A project's channel connection (architecture §3, §4). Its version moves with every change of what the connection
 * is (name, settings, state), never with its status: caches re-read it only when it was really changed.
 */
@Entity
@Table(name = "channel_connection")
public class ConnectionEntity {

    /** An owner's switch, and deletion (the row stays for the history of its chats). */
    public enum State {
        ENABLED,
        DISABLED,
        DELETED
    }

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

    @Column(nullable = false)
    private String state;

    @Version
    private long version;

    @Column(nullable = false)
    private String settings;

    private String secrets;

    @Column(name = "webhook_key")
    private String webhookKey;

    @Column(name = "webhook_secret")
    private String webhookSecret;

    @Column(nullable = false)
    private String status;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "last_error_at")
    private OffsetDateTime lastErrorAt;

    @Column(name = "last_webhook_at")
    private OffsetDateTime lastWebhookAt;

    @Column(name = "deleted_at")
    private OffsetDateTime deletedAt;

    protected ConnectionEntity() {
    }

    public ConnectionEntity(long projectId, String type, String name, Instant at, String settings, String secrets,
                            String webhookKey, String webhookSecret) {
        this.projectId = projectId;
        this.type = type;
        this.name = name;
        this.createdAt = StoreTimes.utc(at);
        this.state = State.ENABLED.name();
        this.settings = settings;
        this.secrets = secrets;
        this.webhookKey = webhookKey;
        this.webhookSecret = webhookSecret;
        this.status = "PENDING";
    }

    public ChannelConnection toRecord() {
        return new ChannelConnection(new ConnectionId(id), new ProjectId(projectId), type, name);
    }

    public long id() {
        return id;
    }

    public long projectId() {
        return projectId;
    }

    public String type() {
        return type;
    }

    public String name() {
        return name;
    }

    public State state() {
        return State.valueOf(state);
    }

    public long version() {
        return version;
    }

    public String settings() {
        return settings;
    }

    public Optional<String> secrets() {
        return Optional.ofNullable(secrets);
    }

    public Optional<String> webhookKey() {
        return Optional.ofNullable(webhookKey);
    }

    public Optional<String> webhookSecret() {
        return Optional.ofNullable(webhookSecret);
    }

    public String status() {
        return status;
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public Optional<Instant> lastErrorAt() {
        return Optional.ofNullable(lastErrorAt).map(OffsetDateTime::toInstant);
    }

    public Optional<Instant> lastWebhookAt() {
        return Optional.ofNullable(lastWebhookAt).map(OffsetDateTime::toInstant);
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public void configure(String newSettings, String newSecrets) {
        this.settings = newSettings;
        this.secrets = newSecrets;
    }

    public void keys(String key, String secret) {
        this.webhookKey = key;
        this.webhookSecret = secret;
    }

    public void state(State newState, Instant at) {
        this.state = newState.name();
        if (newState == State.DELETED) {
            this.deletedAt = StoreTimes.utc(at);
            this.webhookKey = null;
        }
    }
}
