package dev.switchboard.api.channel;

import dev.switchboard.api.domain.ConnectionId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A client's message as a channel bundle hands it to the core (INB-1, MSG-1).
 *
 * @param externalMessageId the platform's id of the message: with the connection, the key that makes
 *                          redeliveries harmless
 * @param externalUserId    the platform's id of the client on this connection
 * @param text              the text, or the caption of the attachments; empty when there is none
 * @param source            the acquisition source (landing page, QR code, ...) if the platform tells it (GRP-2,
 *                          CARD-8a)
 * @param tracking          what a website widget knows of the visit (CARD-8b, CARD-8c)
 * @param attachments       files that came with the message, fetched after it is stored
 */
public record InboundMessage(ConnectionId connection, String externalMessageId, String externalUserId,
                             ClientProfile profile, String text, Instant sentAt, Optional<String> source,
                             Optional<Tracking> tracking, List<InboundAttachment> attachments)
        implements InboundEvent {

    public InboundMessage {
        attachments = List.copyOf(attachments);
    }

    public InboundMessage(ConnectionId connection, String externalMessageId, String externalUserId,
                          ClientProfile profile, String text, Instant sentAt, Optional<String> source,
                          Optional<Tracking> tracking) {
        this(connection, externalMessageId, externalUserId, profile, text, sentAt, source, tracking, List.of());
    }

    public InboundMessage(ConnectionId connection, String externalMessageId, String externalUserId,
                          ClientProfile profile, String text, Instant sentAt, Optional<String> source) {
        this(connection, externalMessageId, externalUserId, profile, text, sentAt, source, Optional.empty());
    }

    public InboundMessage withAttachments(List<InboundAttachment> files) {
        return new InboundMessage(connection, externalMessageId, externalUserId, profile, text, sentAt, source,
                tracking, files);
    }

    /**
     * The visit a message came with.
     *
     * @param gaCookie the {@code _ga} cookie's value, or a bare Google Analytics client id
     * @param url      the address of the page the client wrote from, with its query (UTM tags)
     * @param referrer the page that linked there
     */
    public record Tracking(Optional<String> gaCookie, Optional<String> url, Optional<String> referrer) {
    }
}
