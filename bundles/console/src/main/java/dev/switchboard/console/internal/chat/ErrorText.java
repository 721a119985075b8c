package dev.switchboard.console.internal.chat;

import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.error.DomainException;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotAllowed;
import dev.switchboard.api.error.NotFound;

/**
 * What the reader is told when the engine refuses an action: the text of the exception's message key in the
 * reader's language, filled with its arguments; for a key the console has no text for, the general text of the
 * error's kind. Never the English log message, never a stack trace.
 */
public final class ErrorText {

    private ErrorText() {
    }

    public static String of(DomainException error, Texts texts) {
        if (texts.has(error.messageKey())) {
            return texts.text(error.messageKey(), error.arguments().toArray());
        }
        return texts.text(fallbackKey(error));
    }

    static String fallbackKey(DomainException error) {
        // the sealed hierarchy: NotAllowed, NotFound, InvalidInput, Conflict (with AlreadyTaken)
        if (error instanceof NotAllowed) {
            return "error.notAllowed";
        } else if (error instanceof NotFound) {
            return "error.notFound";
        } else if (error instanceof InvalidInput) {
            return "error.invalid";
        } else if (error instanceof Conflict) {
            return "error.conflict";
        }
        return "error.unavailable";
    }
}
