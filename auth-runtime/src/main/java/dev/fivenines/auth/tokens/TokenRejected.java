package dev.fivenines.auth.tokens;

/** A token that does not verify, with the reason a client can act on (answered with 401). */
public final class TokenRejected extends Exception {

    public enum Reason {
        MALFORMED("the token is not a signed JWT"),
        OVERSIZED("the token is larger than allowed"),
        ALGORITHM_NOT_ALLOWED("the token's algorithm is not allowed (ES256 and EdDSA are)"),
        UNKNOWN_KEY("the token's key id is not one of the tenant's keys"),
        BAD_SIGNATURE("the token's signature does not verify"),
        EXPIRED("the token has expired"),
        NOT_YET_VALID("the token is not valid yet"),
        WRONG_ISSUER("the token was issued for another issuer"),
        WRONG_AUDIENCE("the token is not meant for this audience"),
        MISSING_CLAIM("the token lacks a required claim");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Reason reason;

    public TokenRejected(Reason reason, String detail) {
        super(reason.text() + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
