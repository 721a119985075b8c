package dev.switchboard.api.card;

import dev.switchboard.api.domain.ContactId;
import java.time.Instant;
import java.util.Optional;

/** A contact as a line of search results (INB-7); its chats come from {@code ContactChats}. */
public record ContactHit(ContactId id, Optional<String> firstName, Optional<String> lastName,
                         Optional<String> phone, Optional<String> email, Optional<Status> status,
                         Instant createdAt) {

    public String displayName() {
        return displayName(firstName, lastName);
    }

    static String displayName(Optional<String> first, Optional<String> last) {
        String name = (first.orElse("") + " " + last.orElse("")).strip();
        return name.isEmpty() ? "?" : name;
    }
}
