/**
 * The messenger channel SPI: connections, the core's idempotent ingress for inbound messages, and the
 * {@link dev.switchboard.api.channel.ChannelConnector} a channel bundle registers to send.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package dev.switchboard.api.channel;
