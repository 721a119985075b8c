package dev.switchboard.api.error;

import java.util.List;

/** A field's value is not acceptable; {@link #field()} names it and the message says why. */
public final class InvalidInput extends DomainException {
    private final String field;

    public InvalidInput(String field, String reason) {
        super("error.invalid." + field, field + ": " + reason, List.of(field, reason));
        this.field = field;
    }

    public String field() {
        return field;
    }
}
