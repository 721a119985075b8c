package dev.switchboard.channel.widget.internal.token;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Anonymous visitors' external user ids: {@code v:} and 22 characters of base64url, 16 random bytes. */
public final class VisitorIds {

    public static final String ANONYMOUS = "v:";
    private static final Pattern ANONYMOUS_ID = Pattern.compile("v:[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private VisitorIds() {
    }

    public static String anonymous() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ANONYMOUS + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code id} is a visitor id this widget makes: anonymous, or verified with a valid user id. */
    public static boolean valid(String id) {
        if (id == null) {
            return false;
        }
        if (id.startsWith(Identity.VERIFIED)) {
            return Identity.validUserId(id.substring(Identity.VERIFIED.length()));
        }
        return ANONYMOUS_ID.matcher(id).matches();
    }
}
