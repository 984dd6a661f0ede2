package dev.fivenines.auth.storage;

/** The item changed since the caller read it (or exists, or is gone): answered with 409. */
public final class ConflictingWrite extends RuntimeException {

    public ConflictingWrite(String message) {
        super(message);
    }
}
