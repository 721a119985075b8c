package dev.switchboard.api.channel;

import java.util.Optional;

/**
 * What the platform tells about the client (CARD-2), or what the client typed into a website widget's form
 * (CARD-6). The photo is a {@link RemoteFile}: the core fetches it into the blob store and the card shows the stored
 * copy, never the platform's URL. An e-mail or phone fills the card's field while it is empty (a manager's value is
 * never replaced); one the card cannot read as an address or number is left out.
 */
public record ClientProfile(Optional<String> firstName, Optional<String> lastName, Optional<RemoteFile> photo,
                            Optional<String> email, Optional<String> phone) {

    /** Names and a photo, no contact details. */
    public ClientProfile(Optional<String> firstName, Optional<String> lastName, Optional<RemoteFile> photo) {
        this(firstName, lastName, photo, Optional.empty(), Optional.empty());
    }

    public static ClientProfile named(String firstName, String lastName) {
        return new ClientProfile(Optional.ofNullable(firstName), Optional.ofNullable(lastName), Optional.empty());
    }

    /** Nothing known. */
    public static ClientProfile unknown() {
        return new ClientProfile(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ClientProfile withPhoto(RemoteFile file) {
        return new ClientProfile(firstName, lastName, Optional.of(file), email, phone);
    }

    /** The same with the contact details the client gave (blank ones left out). */
    public ClientProfile withContacts(Optional<String> newEmail, Optional<String> newPhone) {
        return new ClientProfile(firstName, lastName, photo, newEmail.filter(v -> !v.isBlank()),
                newPhone.filter(v -> !v.isBlank()));
    }

    /** "First Last", or what there is of it. */
    public String displayName() {
        String name = (firstName.orElse("") + " " + lastName.orElse("")).strip();
        return name.isEmpty() ? "?" : name;
    }
}
