package dev.switchboard.api.card;

import java.util.Optional;

/**
 * The editable part of a card (CARD-2, CARD-6). On save the card bundle validates and normalises it: e-mail
 * lower-cased and checked, phone to E.164 (a number without a country code is read in the project's default
 * region), country to an ISO 3166-1 alpha-2 code, text trimmed, empty values to empty.
 *
 * @param about the "About client" note
 */
public record PersonalInfo(Optional<String> firstName, Optional<String> lastName, Optional<String> email,
                           Optional<String> phone, Optional<Gender> gender, Optional<String> country,
                           Optional<String> city, Optional<String> address, Optional<String> about) {

    public static PersonalInfo empty() {
        return new PersonalInfo(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
