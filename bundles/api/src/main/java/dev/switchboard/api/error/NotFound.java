package dev.switchboard.api.error;

import java.util.List;

/** The named object does not exist in the acting member's project. */
public final class NotFound extends DomainException {
    public NotFound(String what, Object id) {
        super("error.notFound", what + " not found: " + id, List.of(what, String.valueOf(id)));
    }
}
