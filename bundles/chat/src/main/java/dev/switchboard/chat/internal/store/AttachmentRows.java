package dev.switchboard.chat.internal.store;

import dev.switchboard.api.channel.InboundAttachment;
import dev.switchboard.api.chat.Attachment;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.api.store.StoreTimes;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The files of messages (table {@code message_attachment}; MSG-1, MSG-2, INP-2, INP-3): outbound ones READY from
 * the start, inbound ones PENDING until the fetch job has them in the blob store. Native SQL: the rows are read in
 * batches for pages of history and claimed by the fetch job like the outbox's.
 */
public final class AttachmentRows {

    /** The longest file name kept; longer ones are cut, keeping their extension. */
    static final int NAME = 255;

    private AttachmentRows() {
    }

    /** A file the team sends, already in the blob store. */
    public static void ready(EntityManager em, long message, long project, int position, StoredFile file) {
        insert(em, message, project, position, file.kind(), file.name(), file.contentType(), file.size(),
                file.id().value(), Attachment.State.READY.name(), null, null, null);
    }

    /** A file that came with a client's message, to fetch after the commit. */
    public static void pending(EntityManager em, long message, long project, int position, InboundAttachment a,
                               Instant now) {
        String name = a.file().name().filter(n -> !n.isBlank()).orElse(defaultName(a.kind()));
        insert(em, message, project, position, a.kind(), name, a.file().contentType().orElse(""),
                a.file().size().orElse(0), null, Attachment.State.PENDING.name(), null, a.file().ref(), now);
    }

    /** A file that came with a client's message and will not be fetched (too large for the channel's download). */
    public static void refused(EntityManager em, long message, long project, int position, InboundAttachment a,
                               String problem) {
        String name = a.file().name().filter(n -> !n.isBlank()).orElse(defaultName(a.kind()));
        insert(em, message, project, position, a.kind(), name, a.file().contentType().orElse(""),
                a.file().size().orElse(0), null, Attachment.State.REFUSED.name(), problem, null, null);
    }

    private static void insert(EntityManager em, long message, long project, int position, MediaKind kind,
                               String name, String contentType, long size, Long file, String state, String problem,
                               String remoteRef, Instant due) {
        long id = ((Number) em.createNativeQuery("select nextval('message_attachment_seq')").getSingleResult())
                .longValue();
        em.createNativeQuery("insert into message_attachment (id, message_id, project_id, position, kind, name,"
                        + " content_type, size, file_id, state, problem, remote_ref, next_attempt_at)"
                        // typed nulls: a bare null parameter is bound as text, which PostgreSQL will not cast
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, cast(?9 as bigint), ?10, ?11, ?12,"
                        + " cast(?13 as timestamp with time zone))")
                .setParameter(1, id).setParameter(2, message).setParameter(3, project).setParameter(4, position)
                .setParameter(5, kind.name()).setParameter(6, cut(name)).setParameter(7, cutType(contentType))
                .setParameter(8, size).setParameter(9, file).setParameter(10, state).setParameter(11, problem)
                .setParameter(12, remoteRef).setParameter(13, StoreTimes.utc(due)).executeUpdate();
    }

    /** The files of these messages, in order, by message id. */
    public static Map<Long, List<Attachment>> of(EntityManager em, List<Long> messages) {
        if (messages.isEmpty()) {
            return Map.of();
        }
        String in = messages.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select message_id, file_id, name, content_type, size, kind, state,"
                + " problem from message_attachment where message_id in " + in + " order by message_id, position")
                .getResultList();
        Map<Long, List<Attachment>> byMessage = new HashMap<>();
        for (Object[] r : rows) {
            byMessage.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>()).add(new Attachment(
                    Optional.ofNullable((Number) r[1]).map(n -> new FileId(n.longValue())), (String) r[2],
                    (String) r[3], ((Number) r[4]).longValue(), MediaKind.valueOf((String) r[5]),
                    Attachment.State.valueOf((String) r[6]), Optional.ofNullable((String) r[7])));
        }
        return byMessage;
    }

    private static String defaultName(MediaKind kind) {
        return switch (kind) {
            case IMAGE -> "image";
            case VIDEO -> "video";
            case AUDIO -> "audio";
            case FILE -> "file";
        };
    }

    static String cut(String name) {
        String n = name.strip();
        if (n.length() <= NAME) {
            return n;
        }
        int dot = n.lastIndexOf('.');
        String ext = dot > 0 && n.length() - dot <= 16 ? n.substring(dot) : "";
        return n.substring(0, NAME - ext.length()) + ext;
    }

    private static String cutType(String type) {
        return type.length() <= 200 ? type : type.substring(0, 200);
    }
}
