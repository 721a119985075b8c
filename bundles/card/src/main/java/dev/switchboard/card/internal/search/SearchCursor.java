package dev.switchboard.card.internal.search;

import dev.switchboard.api.error.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** A keyset position in a contact listing (INB-7): creation time and id of the last contact of the previous page. */
record SearchCursor(Instant createdAt, long id) {

    String encode() {
        String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    static SearchCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            int colon = raw.indexOf(':');
            int dot = raw.indexOf('.');
            Instant at = Instant.ofEpochSecond(Long.parseLong(raw.substring(0, dot)),
                    Long.parseLong(raw.substring(dot + 1, colon)));
            return new SearchCursor(at, Long.parseLong(raw.substring(colon + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException | java.time.DateTimeException e) {
            throw new InvalidInput("cursor", "not a cursor of this listing");
        }
    }
}
