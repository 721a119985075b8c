package dev.switchboard.channel.widget.internal.token;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Identity verification (issue 10): a site whose visitors are logged in passes its own user id with
 * {@code userHash} = lower-case hex HMAC-SHA256(identity secret, user id), made by the site's backend, so that a
 * visitor continues the same chat on any device. The hash is compared in constant time; a user id is never trusted
 * without it (peers' widgets are known to let anybody claim an identity through a bare user id).
 */
public final class Identity {

    /** The longest user id a site may pass. */
    public static final int MAX_USER_ID = 100;
    /** What a verified visitor's external user id starts with; an anonymous one's is {@link VisitorIds#ANONYMOUS}. */
    public static final String VERIFIED = "u:";

    private Identity() {
    }

    /** The hash the site's backend computes for {@code userId}: lower-case hex HMAC-SHA256. */
    public static String hash(String secret, String userId) {
        return HexFormat.of().formatHex(Hmac.sha256(secret, userId));
    }

    /** Whether {@code givenHash} is the hash of {@code userId} under {@code secret}; compared in constant time. */
    public static boolean matches(String secret, String userId, String givenHash) {
        if (givenHash == null || givenHash.isEmpty()) {
            return false;
        }
        byte[] expected = hash(secret, userId).getBytes(StandardCharsets.US_ASCII);
        byte[] given = givenHash.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return Hmac.same(expected, given);
    }

    /** Whether a site's user id may be taken: 1 to 100 characters, none of them a control character, not blank. */
    public static boolean validUserId(String userId) {
        return userId != null && !userId.isBlank() && userId.length() <= MAX_USER_ID
                && userId.codePoints().noneMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR
                || Character.getType(c) == Character.FORMAT);
    }

    /** The external user id of a verified visitor. */
    public static String visitor(String userId) {
        return VERIFIED + userId;
    }
}
