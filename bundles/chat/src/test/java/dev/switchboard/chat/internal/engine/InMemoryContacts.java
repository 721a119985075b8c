package dev.switchboard.chat.internal.engine;

import dev.switchboard.api.card.ContactDirectory;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.ProjectId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The contact directory as the chat tests need it (the card bundle depends on chat, not the other way round):
 * one contact per (connection, client), created on first sight, idempotent under races; remembers the latest
 * profile and the number of calls.
 */
public final class InMemoryContacts implements ContactDirectory {

    private record Key(ConnectionId connection, String externalUserId) {
    }

    private final Map<Key, ContactId> contacts = new ConcurrentHashMap<>();
    private final Map<ContactId, ClientProfile> profiles = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1000);
    public final AtomicLong calls = new AtomicLong();

    @Override
    public ContactId identify(ProjectId project, ConnectionId connection, String externalUserId,
                              ClientProfile profile) {
        calls.incrementAndGet();
        ContactId id = contacts.computeIfAbsent(new Key(connection, externalUserId),
                k -> new ContactId(ids.incrementAndGet()));
        profiles.put(id, profile);
        return id;
    }

    @Override
    public Optional<ContactId> find(ConnectionId connection, String externalUserId) {
        return Optional.ofNullable(contacts.get(new Key(connection, externalUserId)));
    }

    /** Photos set by the fetch job, by contact. */
    public final Map<ContactId, FileId> photos = new ConcurrentHashMap<>();

    @Override
    public void setPhoto(ContactId contact, FileId photo) {
        photos.put(contact, photo);
    }

    /** Makes this client's identity belong to another card, as a merge does. */
    public void reassign(ConnectionId connection, String externalUserId, ContactId to) {
        contacts.put(new Key(connection, externalUserId), to);
    }

    public ContactId newContact() {
        return new ContactId(ids.incrementAndGet());
    }

    public Optional<ClientProfile> profile(ContactId contact) {
        return Optional.ofNullable(profiles.get(contact));
    }
}
