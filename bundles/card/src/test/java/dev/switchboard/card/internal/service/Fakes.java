package dev.switchboard.card.internal.service;

import dev.switchboard.api.card.CardEvents;
import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ChannelType;
import dev.switchboard.api.channel.ConnectionDetails;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.chat.ChatSummary;
import dev.switchboard.api.chat.ContactChats;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.chat.RequestSummary;
import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.domain.AccountId;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.RequestId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.api.interactions.Acquisition;
import dev.switchboard.api.interactions.AcquisitionTool;
import dev.switchboard.api.interactions.ContactSources;
import dev.switchboard.api.interactions.GoogleClientId;
import dev.switchboard.api.interactions.Sources;
import dev.switchboard.api.interactions.Visit;
import dev.switchboard.api.store.StoreException;
import dev.switchboard.api.team.AccessRights;
import dev.switchboard.api.team.Account;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Test doubles of the collaborators the card bundle reaches through the API: the team's members, the chat
 * engine's contact chats (who may edit, system messages, moved chats), the interactions bundle's contact sources,
 * the channel connections and the blob store. They record what they are asked, so tests can assert on it.
 */
final class Fakes {

    private Fakes() {
    }

    /** Members of projects, as the team bundle would know them. */
    static final class Members implements MemberService {
        private final Map<MemberId, Member> members = new ConcurrentHashMap<>();
        private final AtomicLong ids = new AtomicLong(1000);

        Member add(ProjectId project, String name, Role role) {
            long id = ids.incrementAndGet();
            Member m = new Member(new MemberId(id), project, new AccountId(id), name + "@example.test", name, role,
                    AccessRights.ALL);
            members.put(m.id(), m);
            return m;
        }

        @Override
        public Optional<Member> find(MemberId id) {
            return Optional.ofNullable(members.get(id));
        }

        @Override
        public List<Member> list(ProjectId project) {
            return members.values().stream().filter(m -> m.project().equals(project)).toList();
        }

        @Override
        public Member add(ProjectId project, String email, String displayName, Role role) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Member> membershipsOf(AccountId account) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Account> account(AccountId id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Member setRights(MemberId member, AccessRights rights) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Account setPassword(String email, char[] password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setLanguage(AccountId account, Optional<String> language) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * The chat engine's side: who is responsible or a participant of a contact's chats (owners and admins may edit
     * every card), and the system messages and chat moves asked of it.
     */
    static final class Chats implements ContactChats {
        /** {@code seenByOthers}: the card's stage and tags as another connection saw them when the event came. */
        record Recorded(ContactId contact, SystemEvent event, String seenByOthers) {
        }

        record Moved(ContactId other, ContactId survivor, MemberId actor, String otherName) {
        }

        private final Members members;
        private final Map<ContactId, Set<MemberId>> editors = new ConcurrentHashMap<>();
        final List<Recorded> recorded = new CopyOnWriteArrayList<>();
        final List<Moved> moved = new CopyOnWriteArrayList<>();
        /** What another connection sees of a card; set by the test world. */
        volatile java.util.function.Function<ContactId, String> lookFromOutside = c -> "";
        /** Set to make moveChats fail once, as a crash half-way through a merge would. */
        volatile boolean failNextMove;

        Chats(Members members) {
            this.members = members;
        }

        /** The member takes part in one of the contact's chats. */
        void participant(ContactId contact, MemberId member) {
            editors.computeIfAbsent(contact, c -> ConcurrentHashMap.newKeySet()).add(member);
        }

        List<SystemEvent> events(ContactId contact) {
            return recorded.stream().filter(r -> r.contact().equals(contact)).map(Recorded::event).toList();
        }

        @Override
        public boolean mayEditCard(ContactId contact, MemberId member) {
            // like the chat engine for a contact without chats: only members handling one of its chats; owners
            // and admins are the card service's own rule (TEAM-1), so the fake does not grant them
            return editors.getOrDefault(contact, Set.of()).contains(member);
        }

        @Override
        public void recordCardEvent(ContactId contact, SystemEvent event) {
            recorded.add(new Recorded(contact, event, lookFromOutside.apply(contact)));
        }

        @Override
        public void moveChats(ContactId other, ContactId survivor, MemberId actor, String otherName) {
            if (failNextMove) {
                failNextMove = false;
                throw new IllegalStateException("the chat engine stopped");
            }
            Set<MemberId> was = editors.remove(other);
            if (was != null) {
                editors.computeIfAbsent(survivor, c -> ConcurrentHashMap.newKeySet()).addAll(was);
            }
            moved.add(new Moved(other, survivor, actor, otherName));
        }

        @Override
        public List<ChatSummary> chats(ContactId contact, MemberId viewer) {
            return List.of();
        }

        @Override
        public Map<ContactId, List<ChatSummary>> chats(Collection<ContactId> contacts, MemberId viewer) {
            return Map.of();
        }

        @Override
        public List<RequestSummary> requests(ContactId contact, MemberId viewer) {
            return List.of();
        }

        @Override
        public Page<Message> requestHistory(RequestId request, MemberId viewer, Optional<String> after, int size) {
            return Page.last(List.of());
        }
    }

    /** Google client ids per contact, and the merges asked. */
    static final class SourcesFake implements ContactSources {
        private final Map<ContactId, List<GoogleClientId>> ids = new ConcurrentHashMap<>();
        private final Map<ContactId, ProjectId> projects = new ConcurrentHashMap<>();
        final List<ContactId[]> merges = new CopyOnWriteArrayList<>();

        @Override
        public GoogleClientId recordGoogleClientId(ProjectId project, ContactId contact, String clientId, Instant at) {
            GoogleClientId id = new GoogleClientId(clientId, at);
            ids.computeIfAbsent(contact, c -> new CopyOnWriteArrayList<>()).add(id);
            projects.put(contact, project);
            return id;
        }

        @Override
        public Sources sources(ContactId contact) {
            return new Sources(List.of(), ids.getOrDefault(contact, List.of()), List.of());
        }

        @Override
        public List<ContactId> byGoogleClientId(ProjectId project, String clientId) {
            List<ContactId> found = new ArrayList<>();
            ids.forEach((contact, list) -> {
                if (project.equals(projects.get(contact)) && list.stream().anyMatch(g -> g.clientId().equals(clientId))) {
                    found.add(contact);
                }
            });
            return found;
        }

        @Override
        public void merge(ContactId survivor, ContactId other) {
            merges.add(new ContactId[] {survivor, other});
            List<GoogleClientId> moved = ids.remove(other);
            if (moved != null) {
                ids.computeIfAbsent(survivor, c -> new CopyOnWriteArrayList<>()).addAll(moved);
                projects.putIfAbsent(survivor, projects.get(other));
            }
        }

        @Override
        public Acquisition recordAcquisition(ProjectId project, ContactId contact, String toolName, String kind,
                                             Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Visit recordVisit(ProjectId project, ContactId contact, Instant at, Optional<String> url,
                                 Optional<String> referrer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<AcquisitionTool> tools(ProjectId project) {
            return List.of();
        }
    }

    /** "test" channel connections of the projects they were added for; any other id is unknown. */
    static final class Connections implements ConnectionService {
        private final Map<ConnectionId, ProjectId> projects = new java.util.concurrent.ConcurrentHashMap<>();

        ConnectionId add(ConnectionId id, ProjectId project) {
            projects.put(id, project);
            return id;
        }

        @Override
        public Optional<ChannelConnection> find(ConnectionId id) {
            return Optional.ofNullable(projects.get(id)).map(p -> new ChannelConnection(id, p, "test", "Test " + id));
        }

        @Override
        public List<ChannelType> types() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConnectionDetails create(ProjectId project, MemberId actor, String type, String name,
                                        Map<String, String> settings) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConnectionDetails update(ConnectionId id, MemberId actor, String name, Map<String, String> settings,
                                        long version) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConnectionDetails setEnabled(ConnectionId id, MemberId actor, boolean enabled) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConnectionDetails reconnect(ConnectionId id, MemberId actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(ConnectionId id, MemberId actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ConnectionDetails> list(ProjectId project, MemberId viewer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConnectionDetails details(ConnectionId id, MemberId viewer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ChannelConnection> list(ProjectId project) {
            throw new UnsupportedOperationException();
        }
    }

    /** Records posted card events. */
    static final class Events implements EventAdmin {
        record Posted(String topic, Long project, Long contact, Long merged) {
        }

        final List<Posted> posted = new CopyOnWriteArrayList<>();

        @Override
        public void postEvent(Event event) {
            posted.add(new Posted(event.getTopic(), (Long) event.getProperty(CardEvents.PROJECT),
                    (Long) event.getProperty(CardEvents.CONTACT), (Long) event.getProperty(CardEvents.MERGED_CONTACT)));
        }

        @Override
        public void sendEvent(Event event) {
            throw new AssertionError("the card bundle posts; it never sends synchronously");
        }

        List<String> topicsFor(long contact) {
            return posted.stream().filter(p -> p.contact() != null && p.contact() == contact).map(Posted::topic)
                    .toList();
        }
    }

    /**
     * The blob store in memory (the real one is tested in the store bundle): files with their bytes, claimed or
     * not, the content type read from the first bytes for the few types the card's tests use (JPEG, PNG, PDF).
     */
    static final class Files implements FileStore {
        private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F'};
        private static final byte[] PDF = "%PDF-1.7\n%test".getBytes(StandardCharsets.US_ASCII);

        private record Entry(StoredFile file, byte[] bytes, boolean claimed) {
        }

        private final Map<FileId, Entry> files = new ConcurrentHashMap<>();
        private final AtomicLong ids = new AtomicLong();
        /** Every removal asked, also of files that were gone already. */
        final List<FileId> deleted = new CopyOnWriteArrayList<>();
        /** Set to make every removal fail, as a store that cannot be reached would. */
        volatile boolean failDeletes;

        /** A claimed JPEG of the project, as the ingress leaves a fetched client photo. */
        StoredFile photo(ProjectId project) {
            return claimed(project, "photo", JPEG);
        }

        /** A claimed PDF of the project: a file, not an image. */
        StoredFile document(ProjectId project) {
            return claimed(project, "offer.pdf", PDF);
        }

        boolean exists(FileId id) {
            return files.containsKey(id);
        }

        private StoredFile claimed(ProjectId project, String name, byte[] bytes) {
            StoredFile file = store(project, name, new ByteArrayInputStream(bytes), FileLimits.SPEC);
            claim(file.id());
            return file;
        }

        @Override
        public StoredFile store(ProjectId project, String name, InputStream content, FileLimits limits) {
            if (name == null || name.isBlank() || name.length() > 255) {
                throw new InvalidInput("file.name", "must be 1 to 255 characters");
            }
            byte[] bytes;
            try {
                bytes = content.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (bytes.length == 0) {
                throw new InvalidInput("file.empty", "no bytes");
            }
            String type = startsWith(bytes, JPEG, 3) ? "image/jpeg"
                    : startsWith(bytes, new byte[] {(byte) 0x89, 'P', 'N', 'G'}, 4) ? "image/png"
                    : startsWith(bytes, PDF, 5) ? "application/pdf" : "application/octet-stream";
            MediaKind kind = MediaKind.of(type);
            long max = limits.of(kind).orElseThrow(() -> new InvalidInput("file.kind", "not accepted: " + kind));
            if (bytes.length > max) {
                throw new InvalidInput("file.tooLarge", "larger than " + max + " bytes");
            }
            StoredFile file = new StoredFile(new FileId(ids.incrementAndGet()), project, name, type, bytes.length,
                    kind, Instant.now());
            files.put(file.id(), new Entry(file, bytes, false));
            return file;
        }

        private static boolean startsWith(byte[] bytes, byte[] prefix, int length) {
            return bytes.length >= length && Arrays.equals(bytes, 0, length, prefix, 0, length);
        }

        @Override
        public Optional<StoredFile> find(FileId id) {
            return Optional.ofNullable(files.get(id)).map(Entry::file);
        }

        @Override
        public InputStream open(FileId id) {
            Entry e = files.get(id);
            if (e == null) {
                throw new NotFound("file", id);
            }
            return new ByteArrayInputStream(e.bytes());
        }

        @Override
        public void claim(FileId id) {
            files.computeIfPresent(id, (k, e) -> new Entry(e.file(), e.bytes(), true));
        }

        @Override
        public StoredFile toJpeg(FileId id) {
            throw new UnsupportedOperationException("the card bundle never converts files");
        }

        @Override
        public void delete(FileId id) {
            deleted.add(id);
            if (failDeletes) {
                throw new StoreException("the blob store cannot be reached");
            }
            files.remove(id);
        }

        @Override
        public int removeUnclaimed(Duration age) {
            Instant before = Instant.now().minus(age);
            List<FileId> old = files.values().stream()
                    .filter(e -> !e.claimed() && e.file().createdAt().isBefore(before)).map(e -> e.file().id())
                    .toList();
            old.forEach(files::remove);
            return old.size();
        }
    }
}
