package dev.switchboard.channel.telegram.internal.update;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A message's text with its entities kept as text (MSG-1): bold, mentions, hashtags and plain URLs are already
 * characters of the text, so they stay as they are; a {@code text_link} hides its address behind other words, so
 * the address is written after them in brackets ({@code see our prices (https://shop.example/prices)}), where the
 * team can read and check it. Entities whose offsets do not fit the text are left out, never trusted.
 */
final class Entities {

    /** More links than a message of 4,096 characters can sensibly hold are not expanded. */
    private static final int MAX_LINKS = 100;

    private Entities() {
    }

    static Optional<String> text(Optional<String> text, JsonNode entities) {
        if (text.isEmpty() || !entities.isArray()) {
            return text;
        }
        String plain = text.get();
        List<Link> links = new ArrayList<>();
        for (JsonNode e : entities) {
            if (links.size() == MAX_LINKS) {
                break;
            }
            if (!"text_link".equals(e.path("type").asText()) || !e.path("offset").isInt() || !e.path("length").isInt()
                    || !e.path("url").isTextual()) {
                continue;
            }
            int from = e.path("offset").intValue();
            int to = from + e.path("length").intValue();
            String url = e.path("url").textValue().strip();
            if (from < 0 || to <= from || to > plain.length() || url.isEmpty()
                    || url.equals(plain.substring(from, to).strip())
                    || (to < plain.length() && Character.isLowSurrogate(plain.charAt(to)))) {
                continue;
            }
            links.add(new Link(to, url));
        }
        // from the end backwards, so that each insertion leaves the earlier offsets as they were
        links.sort(Comparator.comparingInt(Link::end).reversed());
        StringBuilder out = new StringBuilder(plain);
        for (Link link : links) {
            out.insert(link.end(), " (" + link.url() + ")");
        }
        return Optional.of(out.toString());
    }

    private record Link(int end, String url) {
    }
}
