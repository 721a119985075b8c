package dev.switchboard.api.files;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How large a file of each kind may be; a kind without a limit is not accepted at all (VK takes no images, INP-2).
 * Executables are never accepted, whatever the limits say (INP-3).
 */
public record FileLimits(Map<MediaKind, Long> maxBytes) {

    public static final long MB = 1024L * 1024L;

    /** The spec's limits: images up to 3 MB (INP-2), video, audio and files up to 100 MB (INP-3). */
    public static final FileLimits SPEC = new FileLimits(Map.of(MediaKind.IMAGE, 3 * MB, MediaKind.VIDEO, 100 * MB,
            MediaKind.AUDIO, 100 * MB, MediaKind.FILE, 100 * MB));

    public FileLimits {
        for (Map.Entry<MediaKind, Long> e : maxBytes.entrySet()) {
            if (e.getValue() == null || e.getValue() < 1) {
                throw new IllegalArgumentException("limit of " + e.getKey() + " must be positive");
            }
        }
        maxBytes = Map.copyOf(maxBytes);
    }

    /** The largest size of a kind, empty when the kind is not accepted. */
    public Optional<Long> of(MediaKind kind) {
        return Optional.ofNullable(maxBytes.get(kind));
    }

    public boolean accepts(MediaKind kind) {
        return maxBytes.containsKey(kind);
    }

    /** The largest size over all kinds: no upload may be larger. */
    public long largest() {
        return maxBytes.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Both limits at once: a kind accepted by both, at the smaller size. */
    public FileLimits within(FileLimits other) {
        Map<MediaKind, Long> both = new EnumMap<>(MediaKind.class);
        maxBytes.forEach((kind, max) -> other.of(kind).ifPresent(o -> both.put(kind, Math.min(max, o))));
        return new FileLimits(both);
    }
}
