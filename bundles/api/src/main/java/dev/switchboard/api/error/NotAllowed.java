package dev.switchboard.api.error;

import java.util.List;

/** The acting member's role or relation to the object does not allow the action. */
public final class NotAllowed extends DomainException {
    public NotAllowed(String action) {
        super("error.notAllowed", "not allowed: " + action, List.of(action));
    }
}
