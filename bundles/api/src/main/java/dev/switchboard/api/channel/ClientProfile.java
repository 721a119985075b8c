package dev.switchboard.api.channel;

import java.util.Optional;

/** What the platform tells about the client with a message (CARD-2). */
public record ClientProfile(Optional<String> firstName, Optional<String> lastName, Optional<String> photoUrl) {

    public static ClientProfile named(String firstName, String lastName) {
        return new ClientProfile(Optional.ofNullable(firstName), Optional.ofNullable(lastName), Optional.empty());
    }

    /** "First Last", or what there is of it. */
    public String displayName() {
        String name = (firstName.orElse("") + " " + lastName.orElse("")).strip();
        return name.isEmpty() ? "?" : name;
    }
}
