package dev.switchboard.api.channel;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a channel bundle registers: the outbox hands it the messages for connections of its {@link #type()}.
 * While no connector of a type is registered (its bundle stopped), that type's messages wait in the outbox.
 * {@link #send} runs outside any transaction and may block on the network; it must not throw for platform
 * errors but say {@link DeliveryResult.Retry} or {@link DeliveryResult.Refused}.
 */
@ConsumerType
public interface ChannelConnector {

    /** The channel type this connector serves ({@code telegram}, {@code widget}, ...). */
    String type();

    DeliveryResult send(OutboundMessage message);
}
