package dev.switchboard.api.error;

import java.util.List;

/** The action lost a race or would duplicate something unique (an e-mail already used, a chat already taken). */
public non-sealed class Conflict extends DomainException {
    public Conflict(String messageKey, String message, List<String> arguments) {
        super(messageKey, message, arguments);
    }
}
