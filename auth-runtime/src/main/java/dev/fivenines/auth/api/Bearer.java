package dev.fivenines.auth.api;

import dev.fivenines.auth.tokens.TokenRejected;
import dev.fivenines.auth.tokens.TokenService;
import dev.fivenines.auth.tokens.VerifiedToken;

/** The bearer token of a request, verified for the tenant of its path. */
final class Bearer {

    private Bearer() {
    }

    static VerifiedToken verify(TokenService tokens, String tenant, String authorization, String audience) throws TokenRejected {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new TokenRejected(TokenRejected.Reason.MALFORMED, "an Authorization: Bearer <token> header is required");
        }
        return tokens.verify(tenant, authorization.substring(7).trim(), audience);
    }

    /** The request's token if it was verified before and is still valid, from memory only; null otherwise. */
    static VerifiedToken alreadyVerified(TokenService tokens, String tenant, String authorization, String audience) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return tokens.alreadyVerified(tenant, authorization.substring(7).trim(), audience);
    }

    static VerifiedToken admin(TokenService tokens, String tenant, String authorization, String audience) throws TokenRejected {
        VerifiedToken token = verify(tokens, tenant, authorization, audience);
        if (!java.util.Arrays.asList(token.scope().split(" ")).contains("admin")) {
            throw new Forbidden("this needs a token with scope admin for tenant " + tenant);
        }
        return token;
    }
}
