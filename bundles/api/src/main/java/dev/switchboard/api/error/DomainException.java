package dev.switchboard.api.error;

import java.util.List;

/**
 * A request that the domain rules refuse. Nothing has been written when one is thrown. The message key names
 * the text the console shows (in the reader's language); the arguments fill it in. The exception message is
 * English for logs and shells; it never holds SQL or a stack trace.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotAllowed, NotFound, InvalidInput, Conflict {

    private final String messageKey;
    private final List<String> arguments;

    protected DomainException(String messageKey, String message, List<String> arguments) {
        super(message);
        this.messageKey = messageKey;
        this.arguments = List.copyOf(arguments);
    }

    /** The key of the user-facing text, e.g. {@code error.notAllowed}. */
    public String messageKey() {
        return messageKey;
    }

    /** Values for the placeholders of the user-facing text, in order. */
    public List<String> arguments() {
        return arguments;
    }
}
