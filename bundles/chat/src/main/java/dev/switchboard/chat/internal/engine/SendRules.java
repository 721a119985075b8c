package dev.switchboard.chat.internal.engine;

import dev.switchboard.api.channel.ChannelCapabilities;
import dev.switchboard.api.chat.Origin;
import dev.switchboard.api.chat.SendConditions;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.chat.internal.connection.LiveConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What may be sent in a chat now (INP-2, INP-3, architecture §4), from its channel's capabilities, its connection
 * and the chat's state; plain Java, so that the composer and the engine give the same answer. A channel whose
 * connector is not installed (its bundle updating) keeps the limits it last declared; one never seen takes text only.
 */
public final class SendRules {

    /** The longest text the engine stores, whatever a channel takes. */
    public static final int MAX_TEXT = 10_000;
    /** The most files one message carries. */
    public static final int MAX_FILES = 10;
    private static final ChannelCapabilities UNKNOWN = ChannelCapabilities.textOnly(MAX_TEXT,
            new ChannelCapabilities.SendRate(1, Duration.ZERO, 1));
    private static final Set<String> COMMON_IMAGES = Set.of("image/jpeg", "image/png", "image/gif");

    private SendRules() {
    }

    /**
     * The conditions for a message of {@code origin}.
     *
     * @param connection the chat's connection, empty when it was deleted
     * @param unreachable why the client cannot be written to, if so
     * @param clientLastWrote when the client last wrote, for a messaging window
     */
    public static SendConditions conditions(Optional<ChannelCapabilities> capabilities,
                                            Optional<LiveConnection> connection, Optional<String> unreachable,
                                            Optional<Instant> clientLastWrote, Origin origin, Instant now) {
        ChannelCapabilities caps = capabilities.orElse(UNKNOWN);
        FileLimits files = caps.outbound().within(FileLimits.SPEC);
        boolean converts = files.accepts(MediaKind.IMAGE) && !caps.outboundImageTypes().containsAll(COMMON_IMAGES);
        Optional<Instant> closes = caps.window().flatMap(w -> clientLastWrote.map(at -> at.plus(
                origin == Origin.MANAGER ? w.humanAgent().orElse(w.freeForm()) : w.freeForm())));
        Optional<SendConditions.Unavailable> unavailable;
        if (connection.isEmpty()) {
            unavailable = Optional.of(new SendConditions.Unavailable(SendConditions.Reason.CONNECTION_DELETED,
                    "the channel connection was deleted"));
        } else if (!connection.get().enabled()) {
            unavailable = Optional.of(new SendConditions.Unavailable(SendConditions.Reason.CONNECTION_DISABLED,
                    "the channel connection is switched off"));
        } else if (unreachable.isPresent()) {
            unavailable = Optional.of(new SendConditions.Unavailable(SendConditions.Reason.CLIENT_UNREACHABLE,
                    unreachable.get()));
        } else if (closes.isPresent() && !now.isBefore(closes.get())) {
            unavailable = Optional.of(new SendConditions.Unavailable(SendConditions.Reason.WINDOW_CLOSED,
                    "the platform takes messages only within " + hours(caps.window().get().freeForm())
                            + " of the client's last message"));
        } else {
            unavailable = Optional.empty();
        }
        return new SendConditions(Math.min(caps.maxTextLength(), MAX_TEXT), files, MAX_FILES, converts, unavailable,
                closes);
    }

    private static String hours(Duration d) {
        return d.toHours() >= 1 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
