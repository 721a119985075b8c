package dev.switchboard.chat.internal.outbox;

import dev.switchboard.api.channel.ConnectionContext;
import dev.switchboard.api.channel.OutboundAttachment;
import dev.switchboard.api.channel.OutboundMessage;
import dev.switchboard.api.chat.Origin;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.api.files.FileLinks;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the connector gets for one claimed outbox row (MSG-2): the message's text, its origin, when the client last
 * wrote (for messaging windows), and its files as streams from the blob store with a public link for platforms that
 * fetch media by URL.
 */
public final class OutboundParts {

    /** How long a file link sent to a platform works: long enough for its own retries. */
    static final Duration LINK = Duration.ofDays(1);

    private final PersistenceUnit unit;
    private final FileStore files;
    private final FileLinks links;

    public OutboundParts(PersistenceUnit unit, FileStore files, FileLinks links) {
        this.unit = unit;
        this.files = files;
        this.links = links;
    }

    /** The message as the connector sees it; empty when the message or one of its files is gone. */
    public Optional<OutboundMessage> of(long message, ConnectionContext connection, int attempt) {
        record Row(String text, String origin, String client, Instant lastWrote, List<Long> files) {
        }
        Optional<Row> row = unit.read((em, tx) -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select m.text, m.origin, c.external_user_id,"
                            + " c.client_last_wrote from message m join chat c on c.id = m.chat_id where m.id = ?1")
                    .setParameter(1, message).getResultList();
            if (rows.isEmpty()) {
                return Optional.<Row>empty();
            }
            List<Long> ids = em.createNativeQuery("select file_id from message_attachment where message_id = ?1"
                            + " and file_id is not null order by position").setParameter(1, message)
                    .getResultList().stream().map(n -> ((Number) n).longValue()).toList();
            Object[] r = rows.get(0);
            return Optional.of(new Row((String) r[0], (String) r[1], (String) r[2], StoreTimes.instant(r[3]), ids));
        });
        if (row.isEmpty()) {
            return Optional.empty();
        }
        List<OutboundAttachment> attachments = new ArrayList<>();
        for (long id : row.get().files()) {
            Optional<StoredFile> file = files.find(new FileId(id));
            if (file.isEmpty()) {
                return Optional.empty();
            }
            FileId fileId = file.get().id();
            attachments.add(new OutboundAttachment(file.get(), links.link(fileId, LINK), () -> files.open(fileId)));
        }
        return Optional.of(new OutboundMessage(new MessageId(message), connection, row.get().client(),
                row.get().text(), attachments, row.get().origin() == null ? Origin.MANAGER
                : Origin.valueOf(row.get().origin()), Optional.ofNullable(row.get().lastWrote()), attempt));
    }
}
