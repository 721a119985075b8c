package dev.switchboard.channel.widget.internal.connector;

import dev.switchboard.api.channel.ChannelCapabilities;
import dev.switchboard.api.channel.ChannelConnector;
import dev.switchboard.api.channel.ConnectionContext;
import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.FetchedFile;
import dev.switchboard.api.channel.OutboundMessage;
import dev.switchboard.api.channel.RemoteFile;
import dev.switchboard.api.channel.SettingField;
import dev.switchboard.api.channel.WebhookOutcome;
import dev.switchboard.api.channel.WebhookRequest;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.channel.widget.internal.live.LiveStreams;
import dev.switchboard.channel.widget.internal.live.VisitorKey;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The website widget's channel (issue 10; INB-1, MSG-1, MSG-2, INP-2, INP-3): type {@code widget}. Unlike a messenger
 * it has no platform to call: its visitors' browsers call this bundle's own HTTP API ({@code /widget/api/<key>/...}),
 * which hands their messages to the ingress, and they read the team's replies from the transcript. So sending is
 * only a matter of saying {@link DeliveryResult.Sent} (the message id is the external id, which read receipts name)
 * and waking the visitor's live streams; the visible change reaches them with the outbox's delivery event after its
 * commit, on every node. Files a visitor attaches are uploads already in the blob store, named {@code upload:<id>}:
 * {@link #fetch} opens them for the core's download job.
 * <p>
 * Capabilities: texts of 4,096 characters; the spec's file limits both ways (images 3 MB, video, audio and files
 * 100 MB); JPEG, PNG, GIF and WebP images shown as they are; no messaging window; no edits or deletes of sent
 * messages; 50 sends a second, 8 at once, no gap per visitor (nothing is sent anywhere).
 */
@Component(service = {ChannelConnector.class, WidgetConnector.class})
public final class WidgetConnector implements ChannelConnector {

    public static final String TYPE = "widget";
    /** How a visitor's upload is named as an attachment's remote file. */
    public static final String UPLOAD_REF = "upload:";

    public static final ChannelCapabilities CAPABILITIES = ChannelCapabilities
            .textOnly(4096, new ChannelCapabilities.SendRate(50, Duration.ZERO, 8))
            .withInbound(FileLimits.SPEC)
            .withOutbound(FileLimits.SPEC, Set.of("image/jpeg", "image/png", "image/gif", "image/webp"))
            .withEdits(false, false);

    private static final Pattern UPLOAD = Pattern.compile("upload:([1-9][0-9]{0,18})");

    private final LiveStreams streams;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FileStore files;

    @Activate
    public WidgetConnector(@Reference LiveStreams streams) {
        this.streams = streams;
    }

    /** With a blob store of the test's. */
    WidgetConnector(LiveStreams streams, FileStore files) {
        this.streams = streams;
        this.files = files;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> names() {
        return Map.of("en", "Website widget", "ru", "Виджет на сайте");
    }

    @Override
    public ChannelCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<SettingField> settings() {
        return WidgetSettings.FIELDS;
    }

    @Override
    public Map<String, String> validate(Map<String, String> settings, Locale locale) {
        return WidgetSettings.validate(settings, locale);
    }

    /** Nobody calls {@code /hooks/widget/<key>}: the widget's visitors call {@code /widget/api/<key>}. */
    @Override
    public WebhookOutcome handle(WebhookRequest request, ConnectionContext connection) {
        return new WebhookOutcome.Refuse(403, "the website widget takes no webhooks; its visitors call /widget/api");
    }

    @Override
    public DeliveryResult send(OutboundMessage message) {
        streams.wakeVisitor(new VisitorKey(message.connection().connection().id(), message.externalUserId()));
        return new DeliveryResult.Sent(message.id().toString());
    }

    @Override
    public FetchedFile fetch(RemoteFile file, ConnectionContext connection) throws IOException {
        Matcher m = UPLOAD.matcher(file.ref());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a widget upload");
        }
        FileStore store = files;
        if (store == null) {
            throw new IOException("the blob store is not available now");
        }
        FileId id = new FileId(Long.parseLong(m.group(1)));
        Optional<StoredFile> stored = store.find(id);
        // the API only names uploads of the connection's own project; this keeps it so for any caller
        if (stored.isEmpty() || !stored.get().project().equals(connection.connection().project())) {
            throw new IllegalArgumentException("the visitor's upload is gone");
        }
        InputStream content;
        try {
            content = store.open(id);
        } catch (NotFound e) {
            throw new IllegalArgumentException("the visitor's upload is gone", e);
        }
        return new FetchedFile(content, Optional.of(stored.get().contentType()), OptionalLong.of(stored.get().size()));
    }
}
