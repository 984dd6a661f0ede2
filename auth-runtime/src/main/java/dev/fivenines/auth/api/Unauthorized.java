package dev.fivenines.auth.api;

/** A credential that is not the one asked for (not a token: the platform credential): answered with 401. */
final class Unauthorized extends RuntimeException {

    Unauthorized(String message) {
        super(message, null, false, false);
    }
}
