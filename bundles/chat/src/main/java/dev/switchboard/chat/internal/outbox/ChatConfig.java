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

    @AttributeDefinition(description = "How long a claimed message is reserved for this node, in ms; after that "
            + "another node may try it (a node that died mid-send)")
    long outbox_leaseMs() default 120_000;
}
