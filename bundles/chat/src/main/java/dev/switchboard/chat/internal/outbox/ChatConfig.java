package dev.switchboard.chat.internal.outbox;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The chat engine's settings, PID {@code dev.switchboard.chat} ({@code etc/dev.switchboard.chat.cfg}). */
@ObjectClassDefinition(id = "dev.switchboard.chat", name = "Switchboard chat engine",
        description = "Channel connections and the delivery of outbound messages through the outbox")
public @interface ChatConfig {

    /** The configuration's PID. */
    String PID = "dev.switchboard.chat";

    @AttributeDefinition(description = "The address platforms reach this installation at (behind the reverse proxy, "
            + "HTTPS): webhook URLs and public file links are made from it")
    String public_url() default "http://localhost:8181";

    @AttributeDefinition(description = "Delivery attempts of one message before it is marked failed")
    int outbox_maxAttempts() default 8;

    @AttributeDefinition(description = "Delay before the second attempt, in ms; doubled for each further one")
    long outbox_baseDelayMs() default 2000;

    @AttributeDefinition(description = "Longest delay between two attempts, in ms")
    long outbox_maxDelayMs() default 600_000;

    @AttributeDefinition(description = "How often the outbox is scanned for due messages, in ms")
    long outbox_pollIntervalMs() default 5000;

    @AttributeDefinition(description = "Messages claimed at once by one node")
    int outbox_batchSize() default 20;

    @AttributeDefinition(description = "How long a claimed message is reserved for this node, in ms; renewed by the "
            + "heartbeat while its send runs, so it runs out only when the node died mid-send, and then another node "
            + "may try it")
    long outbox_leaseMs() default 120_000;

    @AttributeDefinition(description = "How often the leases of sends in flight are renewed, in ms; shorter than "
            + "the lease")
    long outbox_heartbeatMs() default 30_000;

    @AttributeDefinition(description = "Sends in flight at once on this node, over all connections; each connection "
            + "also keeps to the parallel sends and the rate its channel declares")
    int outbox_workers() default 16;

    @AttributeDefinition(description = "How long one delivery attempt may take, in ms, before it is abandoned and "
            + "counted as a failed attempt whose outcome is unknown: the message may reach the client twice on a "
            + "channel that cannot drop repeated sends")
    long outbox_sendTimeoutMs() default 300_000;

    @AttributeDefinition(description = "How long a connection waits after its platform refused the connection itself "
            + "(a revoked token), in ms; doubled for each further refusal in a row, up to outbox.maxDelayMs; its "
            + "messages keep their attempts meanwhile")
    long outbox_failingPauseMs() default 60_000;
}
