package dev.sextant.store;

/**
 * The database could not carry out a storage call (cannot connect, or still conflicting after all retries).
 * Nothing was changed by the failed call.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
