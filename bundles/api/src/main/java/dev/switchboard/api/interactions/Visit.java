package dev.switchboard.api.interactions;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A visit of the client (CARD-8c).
 *
 * @param url      the link the client arrived by (the landing page's address with its query)
 * @param referrer the page that linked to it, when the browser told
 * @param utm      the UTM tags of {@code url}, by name without the prefix: {@code source}, {@code medium},
 *                 {@code campaign}, {@code term}, {@code content}; only those present
 */
public record Visit(Instant at, Optional<String> url, Optional<String> referrer, Map<String, String> utm) {
    public Visit {
        utm = Map.copyOf(utm);
    }
}
