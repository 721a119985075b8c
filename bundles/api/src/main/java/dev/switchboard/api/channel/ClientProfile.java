package dev.switchboard.api.channel;

import java.util.Optional;

/**
 * What the platform tells about the client (CARD-2). The photo is a {@link RemoteFile}: the core fetches it into the
 * blob store and the card shows the stored copy, never the platform's URL.
 */
public record ClientProfile(Optional<String> firstName, Optional<String> lastName, Optional<RemoteFile> photo) {

    public static ClientProfile named(String firstName, String lastName) {
        return new ClientProfile(Optional.ofNullable(firstName), Optional.ofNullable(lastName), Optional.empty());
    }

    /** Nothing known. */
    public static ClientProfile unknown() {
        return new ClientProfile(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ClientProfile withPhoto(RemoteFile file) {
        return new ClientProfile(firstName, lastName, Optional.of(file));
    }

    /** "First Last", or what there is of it. */
    public String displayName() {
        String name = (firstName.orElse("") + " " + lastName.orElse("")).strip();
        return name.isEmpty() ? "?" : name;
    }
}
