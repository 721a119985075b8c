package dev.switchboard.chat.internal.rules;

import dev.switchboard.api.error.NotAllowed;

/** The rules' answer for one action: allowed, or refused with the reason a log or shell can show. */
public sealed interface Decision {

    Decision ALLOWED = new Allowed();

    record Allowed() implements Decision {
    }

    record Refused(String reason) implements Decision {
    }

    static Decision refused(String reason) {
        return new Refused(reason);
    }

    default boolean allowed() {
        return this instanceof Allowed;
    }

    /** Throws {@link NotAllowed} naming the action and the reason, unless allowed. */
    default void require(String action) {
        if (this instanceof Refused r) {
            throw new NotAllowed(action + " (" + r.reason() + ")");
        }
    }
}
