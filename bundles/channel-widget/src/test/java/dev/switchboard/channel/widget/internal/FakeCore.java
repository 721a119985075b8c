package dev.switchboard.channel.widget.internal;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ConnectionContext;
import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.channel.LiveConnections;
import dev.switchboard.api.chat.Attachment;
import dev.switchboard.api.chat.ClientMessage;
import dev.switchboard.api.chat.ClientTranscripts;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.FileLinks;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.api.team.Presence;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Small fakes of the core's services the widget works with, sharing one in-memory world: connections by key, an
 * ingress that stores messages (once per external id) into client transcripts, the presence switch, a blob store
 * with the executable and size checks, and links that differ on every call (as signed links with an expiry do).
 */
public final class FakeCore implements LiveConnections, Ingress, ClientTranscripts, Presence, FileStore, FileLinks {

    public static final String SECRET = "webhook-secret-0123456789-0123456789-0123456789-0123456789-abcd";

    private final Map<String, ConnectionContext> byKey = new HashMap<>();
    private final Map<String, ChatId> chats = new HashMap<>();
    private final Map<ChatId, List<ClientMessage>> transcripts = new HashMap<>();
    private final Map<String, MessageId> stored = new HashMap<>();
    private final Map<Long, StoredFile> files = new HashMap<>();
    private final Map<Long, byte[]> bytes = new HashMap<>();
    private final AtomicLong ids = new AtomicLong(100);
    private final AtomicLong links = new AtomicLong();
    /** Everything the ingress was given, in order. */
    public final List<InboundEvent> events = new CopyOnWriteArrayList<>();
    /** What the ingress does instead of storing, when set (throws a NotFound, a failure). */
    public volatile Supplier<RuntimeException> ingressFailure;
    public volatile boolean online = true;
    /** How many history reads were made. */
    public final AtomicLong historyReads = new AtomicLong();

    /** A widget connection with these settings, reachable by {@code key}. */
    public ConnectionContext connection(long id, long project, String key, Map<String, String> settings) {
        ConnectionContext c = new ConnectionContext(new ChannelConnection(new ConnectionId(id), new ProjectId(project),
                "widget", "Website"), settings, URI.create("http://localhost:8181/hooks/widget/" + key), SECRET);
        byKey.put(key, c);
        return c;
    }

    public synchronized void disable(String key) {
        byKey.remove(key);
    }

    @Override
    public synchronized Optional<ConnectionContext> byKey(String type, String key) {
        return Optional.ofNullable(byKey.get(key)).filter(c -> c.connection().type().equals(type));
    }

    @Override
    public synchronized Optional<ConnectionContext> byId(ConnectionId id) {
        return byKey.values().stream().filter(c -> c.connection().id().equals(id)).findFirst();
    }

    // ------------------------------------------------------------------ ingress

    @Override
    public synchronized Received accept(InboundMessage message) {
        events.add(message);
        if (ingressFailure != null) {
            throw ingressFailure.get();
        }
        if (message.text().length() > 10_000) {
            throw new InvalidInput("text", "too long");
        }
        ChatId chat = chats.computeIfAbsent(message.connection() + "|" + message.externalUserId(),
                k -> new ChatId(ids.incrementAndGet()));
        String dedup = message.connection() + "|" + message.externalMessageId();
        MessageId existing = stored.get(dedup);
        if (existing != null) {
            return new Received(existing, chat, true);
        }
        MessageId id = new MessageId(ids.incrementAndGet());
        stored.put(dedup, id);
        List<Attachment> attachments = message.attachments().stream().map(a -> new Attachment(Optional.empty(),
                a.file().name().orElse("file"), a.file().contentType().orElse("application/octet-stream"),
                a.file().size().orElse(0), a.kind(), Attachment.State.PENDING, Optional.empty())).toList();
        transcripts.computeIfAbsent(chat, c -> new ArrayList<>()).add(new ClientMessage(id, chat, true,
                message.text(), message.sentAt(), Optional.empty(), attachments, Optional.empty(), Optional.empty()));
        return new Received(id, chat, false);
    }

    @Override
    public synchronized Optional<Received> apply(InboundEvent event) {
        events.add(event);
        if (ingressFailure != null) {
            throw ingressFailure.get();
        }
        if (event instanceof InboundMessage m) {
            return Optional.of(accept(m));
        }
        return Optional.empty();
    }

    /** The team writes to the visitor (visible at once, as a sent message). */
    public synchronized ClientMessage teamWrites(ConnectionId connection, String visitor, String text, Instant at) {
        ChatId chat = chats.computeIfAbsent(connection + "|" + visitor, k -> new ChatId(ids.incrementAndGet()));
        ClientMessage m = new ClientMessage(new MessageId(ids.incrementAndGet()), chat, false, text, at,
                Optional.of("Anna"), List.of(), Optional.empty(), Optional.of(DeliveryState.SENT));
        transcripts.computeIfAbsent(chat, c -> new ArrayList<>()).add(m);
        return m;
    }

    /** Replaces a message of the transcript (a file arrived, the visitor read it). */
    public synchronized void change(ClientMessage changed) {
        List<ClientMessage> list = transcripts.get(changed.chat());
        list.replaceAll(m -> m.id().equals(changed.id()) ? changed : m);
    }

    // ------------------------------------------------------------------ transcripts

    @Override
    public synchronized Optional<ChatId> chat(ConnectionId connection, String externalUserId) {
        return Optional.ofNullable(chats.get(connection + "|" + externalUserId));
    }

    @Override
    public synchronized Page<ClientMessage> history(ConnectionId connection, String externalUserId,
                                                    Optional<String> before, int size) {
        historyReads.incrementAndGet();
        if (size < 1 || size > 200) {
            throw new InvalidInput("size", "1 to 200");
        }
        ChatId chat = chats.get(connection + "|" + externalUserId);
        if (chat == null) {
            return Page.last(List.of());
        }
        List<ClientMessage> newestFirst = new ArrayList<>(transcripts.getOrDefault(chat, List.of()));
        java.util.Collections.reverse(newestFirst);
        int from = 0;
        if (before.isPresent()) {
            try {
                from = Integer.parseInt(before.get());
            } catch (NumberFormatException e) {
                throw new InvalidInput("before", "not a cursor");
            }
        }
        int to = Math.min(newestFirst.size(), from + size);
        List<ClientMessage> items = from >= newestFirst.size() ? List.of() : newestFirst.subList(from, to);
        return new Page<>(items, to < newestFirst.size() ? Optional.of(Integer.toString(to)) : Optional.empty());
    }

    // ------------------------------------------------------------------ presence

    @Override
    public void seen(dev.switchboard.api.domain.MemberId member) {
    }

    @Override
    public boolean anyoneOnline(ProjectId project) {
        return online;
    }

    // ------------------------------------------------------------------ files

    @Override
    public synchronized StoredFile store(ProjectId project, String name, InputStream content, FileLimits limits) {
        byte[] data;
        try {
            data = content.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (name.isBlank() || name.length() > 255) {
            throw new InvalidInput("file.name", "a name of 1 to 255 characters");
        }
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".exe") || data.length > 1 && data[0] == 'M'
                && data[1] == 'Z') {
            throw new InvalidInput("file.executable", "programs are not accepted");
        }
        if (data.length == 0) {
            throw new InvalidInput("file.empty", "no bytes");
        }
        String type = data.length > 3 && (data[0] & 0xff) == 0x89 && data[1] == 'P' ? "image/png" : "text/plain";
        MediaKind kind = MediaKind.of(type);
        if (data.length > limits.of(kind).orElse(0L)) {
            throw new InvalidInput("file.tooLarge", "too large");
        }
        StoredFile f = new StoredFile(new FileId(ids.incrementAndGet()), project, name, type, data.length, kind,
                Instant.parse("2026-12-03T10:00:00Z"));
        files.put(f.id().value(), f);
        bytes.put(f.id().value(), data);
        return f;
    }

    @Override
    public synchronized Optional<StoredFile> find(FileId id) {
        return Optional.ofNullable(files.get(id.value()));
    }

    @Override
    public synchronized InputStream open(FileId id) {
        byte[] data = bytes.get(id.value());
        if (data == null) {
            throw new NotFound("file", id);
        }
        return new ByteArrayInputStream(data);
    }

    @Override
    public void claim(FileId id) {
    }

    @Override
    public StoredFile toJpeg(FileId id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized void delete(FileId id) {
        files.remove(id.value());
        bytes.remove(id.value());
    }

    @Override
    public int removeUnclaimed(Duration age) {
        return 0;
    }

    // ------------------------------------------------------------------ links

    @Override
    public URI link(FileId file, Duration valid) {
        return URI.create("http://localhost:8181/media/" + file.value() + "-" + links.incrementAndGet());
    }

    @Override
    public Optional<StoredFile> resolve(String token) {
        return Optional.empty();
    }
}
