package dev.switchboard.channel.telegram.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The Bot API's own update examples (channel-facts.md §1, "Minimal inbound text update" and its photo, document and
 * video variants), and updates of the other documented shapes, as test resources under {@code updates/}.
 */
public final class Fixtures {

    /** Every fixture, for the fuzz test. */
    public static final List<String> ALL = List.of("text.json", "photo.json", "document.json", "video.json",
            "blocked.json", "edited.json", "group.json");

    private Fixtures() {
    }

    public static byte[] update(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/updates/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
