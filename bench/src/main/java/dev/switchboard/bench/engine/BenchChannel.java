package dev.switchboard.bench.engine;

import dev.switchboard.api.channel.ChannelCapabilities;
import dev.switchboard.api.channel.ChannelConnector;
import dev.switchboard.api.channel.ConnectionContext;
import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.OutboundMessage;
import dev.switchboard.api.channel.WebhookOutcome;
import dev.switchboard.api.channel.WebhookRequest;
import dev.switchboard.api.files.FileLimits;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The connector the in-process benchmarks register for every channel type they connect ({@code telegram},
 * {@code widget}, {@code whatsapp}, {@code test}): since the channel platform a connection can only be created for
 * an installed type, and the ingress asks the type's capabilities for every message. Clients' messages reach the
 * ingress directly, so no webhook is read here; nothing is ever sent (the outbox does not run in the benchmarks).
 * Text both ways, and outbound files within the spec's limits, so that a manager may upload a 100 MB file into a
 * chat of this channel (the upload benchmark).
 */
final class BenchChannel implements ChannelConnector {

    static final Set<String> TYPES = Set.of("telegram", "widget", "whatsapp", "test");

    private static final ChannelCapabilities CAPABILITIES = ChannelCapabilities
            .textOnly(4096, new ChannelCapabilities.SendRate(30, Duration.ZERO, 4))
            .withOutbound(FileLimits.SPEC, Set.of("image/jpeg", "image/png", "image/gif"));

    private final String type;

    BenchChannel(String type) {
        this.type = type;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Map<String, String> names() {
        return Map.of("en", "Bench " + type);
    }

    @Override
    public ChannelCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public WebhookOutcome handle(WebhookRequest request, ConnectionContext connection) {
        return new WebhookOutcome.Ignore("the benchmarks call the ingress directly");
    }

    @Override
    public DeliveryResult send(OutboundMessage message) {
        return new DeliveryResult.Retry("the benchmarks send nothing");
    }
}
