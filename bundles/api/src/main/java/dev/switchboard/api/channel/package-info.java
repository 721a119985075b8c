/**
 * The messenger channel SPI (architecture §4): a channel bundle registers a
 * {@link dev.switchboard.api.channel.ChannelConnector} with its capabilities and settings; the core serves its
 * webhooks ({@link dev.switchboard.api.channel.Webhooks}), stores what they carry through the idempotent
 * {@link dev.switchboard.api.channel.Ingress}, and delivers the team's messages through its outbox.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
@org.osgi.annotation.bundle.Export
package dev.switchboard.api.channel;
