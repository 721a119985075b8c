package dev.switchboard.api.channel;

import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.MediaKind;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a channel can carry and how fast, as its platform documents it (INP-2, INP-3, MSG-1, MSG-2). The core
 * holds every message to these rules before the connector sees it: the composer shows them, the chat engine
 * refuses what breaks them with a reason, converts images the platform does not take, and the outbox paces sends.
 *
 * @param maxTextLength      the longest text of one message; longer texts are refused in the composer (a connector
 *                           that splits long texts itself, as Telegram's does at 4,096, declares the longer limit)
 * @param inbound            the media a client may send and how large a file the connector can fetch (Telegram
 *                           bots download at most 20 MB); larger ones become a message that says so
 * @param outbound           the media the team may send through the channel, with the platform's limits; a kind
 *                           left out is refused (VK: no images, INP-2)
 * @param outboundImageTypes the image content types the platform takes as they are; other images are converted to
 *                           JPEG before sending, or refused with a reason when they cannot be (INP-2)
 * @param window             the messaging window, for platforms that allow free-form messages only for a time
 *                           after the client's last message (Meta, WhatsApp: 24 h)
 * @param editsSent          whether the platform lets a sent message be edited
 * @param deletesSent        whether the platform lets a sent message be deleted
 * @param deduplicatesSends  whether the connector passes the message id to the platform so that a repeated send is
 *                           dropped there (VK's {@code random_id}); without it a send whose answer was lost may
 *                           reach the client twice
 * @param rate               how fast the outbox may send through one connection
 */
public record ChannelCapabilities(int maxTextLength, FileLimits inbound, FileLimits outbound,
                                  Set<String> outboundImageTypes, Optional<MessagingWindow> window,
                                  boolean editsSent, boolean deletesSent, boolean deduplicatesSends, SendRate rate) {

    public ChannelCapabilities {
        if (maxTextLength < 1) {
            throw new IllegalArgumentException("maxTextLength must be positive");
        }
        outboundImageTypes = Set.copyOf(outboundImageTypes);
    }

    /** Text only, both ways, no window, paced by {@code rate}: a start for a builder-less declaration. */
    public static ChannelCapabilities textOnly(int maxTextLength, SendRate rate) {
        return new ChannelCapabilities(maxTextLength, new FileLimits(Map.of()), new FileLimits(Map.of()), Set.of(),
                Optional.empty(), false, false, false, rate);
    }

    public ChannelCapabilities withInbound(FileLimits limits) {
        return new ChannelCapabilities(maxTextLength, limits, outbound, outboundImageTypes, window, editsSent,
                deletesSent, deduplicatesSends, rate);
    }

    public ChannelCapabilities withOutbound(FileLimits limits, Set<String> imageTypes) {
        return new ChannelCapabilities(maxTextLength, inbound, limits, imageTypes, window, editsSent, deletesSent,
                deduplicatesSends, rate);
    }

    public ChannelCapabilities withWindow(MessagingWindow messagingWindow) {
        return new ChannelCapabilities(maxTextLength, inbound, outbound, outboundImageTypes,
                Optional.of(messagingWindow), editsSent, deletesSent, deduplicatesSends, rate);
    }

    public ChannelCapabilities withEdits(boolean edits, boolean deletes) {
        return new ChannelCapabilities(maxTextLength, inbound, outbound, outboundImageTypes, window, edits, deletes,
                deduplicatesSends, rate);
    }

    public ChannelCapabilities withSendDeduplication() {
        return new ChannelCapabilities(maxTextLength, inbound, outbound, outboundImageTypes, window, editsSent,
                deletesSent, true, rate);
    }

    /** Whether an image of this content type must be converted to JPEG before it is sent. */
    public boolean needsJpeg(String contentType) {
        return outbound.accepts(MediaKind.IMAGE) && !outboundImageTypes.contains(contentType);
    }

    /**
     * How fast the outbox sends through one connection (Telegram: about 30 per second per bot, one per second per
     * chat).
     *
     * @param perSecond    sends per second through the connection, over all its chats
     * @param perRecipient the least time between two sends to the same client ({@link Duration#ZERO} for none)
     * @param parallel     sends in flight at once through the connection
     */
    public record SendRate(double perSecond, Duration perRecipient, int parallel) {
        public SendRate {
            if (!(perSecond > 0) || perRecipient.isNegative() || parallel < 1) {
                throw new IllegalArgumentException("send rate out of range: " + perSecond + "/s, " + perRecipient
                        + " per recipient, " + parallel + " in parallel");
            }
        }
    }

    /**
     * A platform's messaging window (Meta Messenger and Instagram, WhatsApp: 24 hours after the client's last
     * message). Outside it the chat engine refuses free-form messages with the reason, before they reach the outbox.
     *
     * @param freeForm   how long after the client's last message any message may be sent
     * @param humanAgent a longer window for messages written by a person (Meta's {@code HUMAN_AGENT} tag: 7 days);
     *                   automatic and broadcast messages keep to {@code freeForm}
     */
    public record MessagingWindow(Duration freeForm, Optional<Duration> humanAgent) {
        public MessagingWindow {
            if (freeForm.isNegative() || freeForm.isZero()) {
                throw new IllegalArgumentException("a messaging window must be positive");
            }
        }
    }
}
