package dev.switchboard.channel.widget.internal.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.channel.ChannelCapabilities;
import dev.switchboard.api.channel.ConnectionContext;
import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.FetchedFile;
import dev.switchboard.api.channel.OutboundMessage;
import dev.switchboard.api.channel.RemoteFile;
import dev.switchboard.api.channel.WebhookOutcome;
import dev.switchboard.api.channel.WebhookRequest;
import dev.switchboard.api.chat.Origin;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.channel.widget.internal.DirectExecutor;
import dev.switchboard.channel.widget.internal.FakeCore;
import dev.switchboard.channel.widget.internal.RecordingSink;
import dev.switchboard.channel.widget.internal.live.LiveStreams;
import dev.switchboard.channel.widget.internal.live.Transcript;
import dev.switchboard.channel.widget.internal.live.VisitorKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WidgetConnectorTest {

    private final FakeCore core = new FakeCore();
    private final LiveStreams streams = new LiveStreams(Executors.newSingleThreadScheduledExecutor(),
            new DirectExecutor(), Clock.systemUTC(), Duration.ofHours(1), Duration.ofSeconds(25));
    private final WidgetConnector connector = new WidgetConnector(streams, core);
    private final ConnectionContext connection = core.connection(7, 3, "k".repeat(32),
            Map.of("origins", "https://shop.example"));

    @AfterEach
    void stop() {
        streams.stop();
    }

    @Test
    void WIDGET_theChannelIsNamedAndDeclaresTheContractsCapabilities() {
        ChannelCapabilities c = connector.capabilities();

        assertThat(connector.type()).isEqualTo("widget");
        assertThat(connector.names()).containsEntry("en", "Website widget").containsEntry("ru", "Виджет на сайте");
        assertThat(c.maxTextLength()).isEqualTo(4096);
        assertThat(c.inbound()).isEqualTo(FileLimits.SPEC);
        assertThat(c.outbound()).isEqualTo(FileLimits.SPEC);
        assertThat(c.inbound().of(MediaKind.IMAGE)).hasValue(3 * FileLimits.MB);
        assertThat(c.outboundImageTypes()).containsExactlyInAnyOrder("image/jpeg", "image/png", "image/gif",
                "image/webp");
        assertThat(c.window()).isEmpty();
        assertThat(c.editsSent()).isFalse();
        assertThat(c.deletesSent()).isFalse();
        assertThat(c.rate()).isEqualTo(new ChannelCapabilities.SendRate(50, Duration.ZERO, 8));
        assertThat(connector.validate(Map.of("origins", "*"), Locale.ENGLISH)).containsKey("origins");
    }

    @Test
    void MSG2_aTeamMessageIsSentAsItsIdAndWakesTheVisitorsStream() {
        String visitor = "v:AAAAAAAAAAAAAAAAAAAAAA";
        RecordingSink sink = new RecordingSink();
        core.teamWrites(connection.connection().id(), visitor, "earlier", Instant.parse("2026-12-03T09:00:00Z"));
        streams.openStream(new VisitorKey(connection.connection().id(), visitor), transcript(visitor), sink);
        core.teamWrites(connection.connection().id(), visitor, "We are here", Instant.parse("2026-12-03T10:00:00Z"));

        DeliveryResult result = connector.send(new OutboundMessage(new MessageId(91), connection, visitor,
                "We are here", List.of(), Origin.MANAGER, Optional.empty(), 1));

        assertThat(result).isEqualTo(new DeliveryResult.Sent("91"));
        assertThat(sink.text()).contains("earlier").contains("We are here");
    }

    @Test
    void MSG1_aVisitorsUploadIsFetchedFromTheBlobStore() throws IOException {
        StoredFile upload = core.store(new ProjectId(3), "notes.txt",
                new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), FileLimits.SPEC);

        try (FetchedFile fetched = connector.fetch(RemoteFile.of("upload:" + upload.id()), connection)) {
            assertThat(new String(fetched.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(fetched.contentType()).hasValue("text/plain");
            assertThat(fetched.size()).hasValue(5);
        }
    }

    @Test
    void WIDGET_anUploadOfAnotherProjectOrAnUnknownReferenceIsNeverFetched() {
        StoredFile foreign = core.store(new ProjectId(4), "notes.txt",
                new ByteArrayInputStream("secret".getBytes(StandardCharsets.UTF_8)), FileLimits.SPEC);

        assertThatThrownBy(() -> connector.fetch(RemoteFile.of("upload:" + foreign.id()), connection))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> connector.fetch(RemoteFile.of("upload:999999"), connection))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> connector.fetch(RemoteFile.of("https://evil.test/x"), connection))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WidgetConnector(streams, null).fetch(RemoteFile.of("upload:1"), connection))
                .isInstanceOf(IOException.class);
    }

    @Test
    void WIDGET_theCoresWebhookForTheWidgetIsRefused() {
        WebhookOutcome outcome = connector.handle(new WebhookRequest("POST", Map.of(), Map.of(), new byte[0]),
                connection);

        assertThat(outcome).isInstanceOf(WebhookOutcome.Refuse.class);
    }

    private Transcript transcript(String visitor) {
        return new Transcript() {
            @Override
            public Optional<dev.switchboard.api.domain.ChatId> chat() {
                return core.chat(connection.connection().id(), visitor);
            }

            @Override
            public List<dev.switchboard.api.chat.ClientMessage> latest() {
                return core.history(connection.connection().id(), visitor, Optional.empty(), 30).items();
            }

            @Override
            public String json(dev.switchboard.api.chat.ClientMessage message) {
                return message.text();
            }
        };
    }
}
