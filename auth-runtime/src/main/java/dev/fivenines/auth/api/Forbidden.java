package dev.fivenines.auth.api;

/** A valid token that may not do this: answered with 403. */
public final class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message);
    }
}
