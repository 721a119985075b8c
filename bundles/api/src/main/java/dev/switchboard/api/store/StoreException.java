package dev.switchboard.api.store;

/** The database could not do what was asked (unreachable, a failed migration, a constraint). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
