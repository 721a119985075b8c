package dev.switchboard.store.internal.secrets;

import dev.switchboard.api.store.StoreException;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The secrets keys, current first, each with the id that sealed values carry, so that values sealed before a
 * rotation still open with the older keys kept below the current one. Written as text, one key a line,
 * {@code <id>:<base64 of 32 bytes>}; blank lines and lines starting with {@code #} are comments.
 */
final class KeyRing {

    static final int KEY_BYTES = 32;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    /** One key; the bytes never leave this package and never appear in a message. */
    record Key(String id, byte[] secret) {
        Key {
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("key id must match " + ID);
            }
            if (secret.length != KEY_BYTES) {
                throw new IllegalArgumentException("a key has " + KEY_BYTES + " bytes");
            }
        }

        String line() {
            return id + ":" + Base64.getEncoder().encodeToString(secret);
        }

        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }

    private final List<Key> keys;

    KeyRing(List<Key> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a key ring holds at least one key");
        }
        this.keys = List.copyOf(keys);
    }

    Key current() {
        return keys.get(0);
    }

    Optional<Key> find(String id) {
        return keys.stream().filter(key -> key.id().equals(id)).findFirst();
    }

    List<String> ids() {
        return keys.stream().map(Key::id).toList();
    }

    /**
     * Reads keys written one a line, current first (the environment variable's commas are line breaks to the
     * caller).
     *
     * @param source    where the text comes from, for messages
     * @param defaultId the id of a line that is a bare key without {@code <id>:}, or null when every line needs one
     * @throws StoreException naming the line, never its content, when a line is not a key or an id repeats
     */
    static KeyRing parse(String text, String source, String defaultId) {
        List<Key> keys = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Key key = key(line, defaultId, source, i + 1);
            if (!ids.add(key.id())) {
                throw new StoreException(source + ": key id " + key.id() + " appears twice");
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new StoreException(source + " holds no key");
        }
        return new KeyRing(keys);
    }

    private static Key key(String line, String defaultId, String source, int number) {
        int colon = line.indexOf(':');
        String id = colon < 0 ? defaultId : line.substring(0, colon).strip();
        String encoded = colon < 0 ? line : line.substring(colon + 1).strip();
        try {
            if (id == null) {
                throw new IllegalArgumentException("no id");
            }
            return new Key(id, Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            // the message names the line only: the text may be a key
            throw new StoreException(source + ": entry " + number + " is not <id>:<base64 of " + KEY_BYTES
                    + " bytes> (id of letters, digits, - and _)");
        }
    }

    /** The next id after this ring's: k1, k2, ... past the highest {@code k<n>}. */
    String nextId() {
        int highest = 0;
        for (Key key : keys) {
            if (key.id().matches("k\\d{1,9}")) {
                highest = Math.max(highest, Integer.parseInt(key.id().substring(1)));
            }
        }
        return "k" + (highest + 1);
    }
}
