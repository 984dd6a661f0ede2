package dev.fivenines.auth.tokens;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.fivenines.auth.tokens.TokenRejected.Reason;

/**
 * Issues and verifies a tenant's JWTs. Verification is strict: only ES256 and EdDSA (so neither
 * {@code alg: none} nor an HMAC token keyed with a public key passes), a known key id, the signature,
 * the tenant's issuer, the audience, and expiry and not-before within a bounded clock skew.
 */
public final class TokenService {

    /** An issued token and when it expires. */
    public record Issued(String token, Instant expiresAt, String kid) {
        @Override
        public String toString() {
            return "Issued[kid=" + kid + ", expiresAt=" + expiresAt + "]";
        }
    }

    private static final int CACHED_TOKENS = 100_000;

    private final TokenSettings settings;
    private final KeySource keys;
    private final Clock clock;
    private final VerifiedTokenCache verified;

    public TokenService(TokenSettings settings, KeySource keys, Clock clock) {
        this(settings, keys, clock, new VerifiedTokenCache(CACHED_TOKENS, settings.clockSkew(), clock, ForkJoinPool.commonPool()));
    }

    TokenService(TokenSettings settings, KeySource keys, Clock clock, VerifiedTokenCache verified) {
        this.settings = settings;
        this.keys = keys;
        this.clock = clock;
        this.verified = verified;
    }

    /** The tenant's keys, for its JWKS. */
    public KeyRing keys(String tenant) {
        return keys.ring(tenant);
    }

    /** The tenant was retired: its keys are dropped from memory (its tokens were already refused with the tenant). */
    public void forget(String tenant) {
        keys.forget(tenant);
    }

    public TokenSettings settings() {
        return settings;
    }

    /** Whether {@link #issue} needs no storage read for this tenant (its signing keys are in memory). */
    public boolean canIssueFromMemory(String tenant) {
        return keys.inMemory(tenant);
    }

    public Issued issue(String tenant, String subject, String audience, String scope) {
        KeyRing ring = keys.ring(tenant);
        SigningKey key = ring.active();
        Instant now = Instant.now(clock);
        Instant expires = now.plus(settings.accessTokenTtl());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer(tenant))
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .claim("tenant", tenant)
                .claim("scope", scope == null ? "" : scope)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(key.algorithm().jws()).keyID(key.kid()).type(JOSEObjectType.JWT).build(),
                claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with key " + key.kid() + " failed", e);
        }
        return new Issued(jwt.serialize(), expires, key.kid());
    }

    /**
     * The token's earlier verification, if it is remembered and still valid; null otherwise. Memory only: no
     * signature check, no storage, so it may be called where blocking is not allowed.
     */
    public VerifiedToken alreadyVerified(String tenant, String token, String audience) {
        if (token == null || token.isEmpty() || token.length() > settings.maxTokenBytes()) {
            return null;
        }
        return verified.get(tenant, token, audience);
    }

    public VerifiedToken verify(String tenant, String token, String audience) throws TokenRejected {
        if (token == null || token.isEmpty()) {
            throw new TokenRejected(Reason.MALFORMED, "empty");
        }
        if (token.length() > settings.maxTokenBytes()) {
            throw new TokenRejected(Reason.OVERSIZED, "at most " + settings.maxTokenBytes() + " bytes");
        }
        VerifiedToken cached = verified.get(tenant, token, audience);
        if (cached != null) {
            return cached;
        }
        VerifiedToken checked = verifyAfresh(tenant, token, audience);
        verified.put(token, audience, checked);
        return checked;
    }

    private VerifiedToken verifyAfresh(String tenant, String token, String audience) throws TokenRejected {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException | IllegalArgumentException e) {
            if (token.chars().filter(c -> c == '.').count() == 2 && token.endsWith(".")) {
                throw new TokenRejected(Reason.ALGORITHM_NOT_ALLOWED, "unsigned (alg none)");
            }
            throw new TokenRejected(Reason.MALFORMED, e.getMessage());
        }
        Algorithm algorithm = Algorithm.of(jwt.getHeader().getAlgorithm());
        if (algorithm == null) {
            throw new TokenRejected(Reason.ALGORITHM_NOT_ALLOWED, String.valueOf(jwt.getHeader().getAlgorithm()));
        }
        String kid = jwt.getHeader().getKeyID();
        Instant now = Instant.now(clock);
        Optional<SigningKey> key = kid == null ? Optional.empty()
                : keys.ringKnowing(tenant, kid).verificationKey(kid, now, settings.accessTokenTtl());
        if (key.isEmpty()) {
            throw new TokenRejected(Reason.UNKNOWN_KEY, kid == null ? "no kid" : kid);
        }
        if (key.get().algorithm() != algorithm) {
            throw new TokenRejected(Reason.ALGORITHM_NOT_ALLOWED, "key " + kid + " signs with " + key.get().algorithm());
        }
        try {
            if (!jwt.verify(key.get().verifier())) {
                throw new TokenRejected(Reason.BAD_SIGNATURE, "");
            }
        } catch (JOSEException e) {
            throw new TokenRejected(Reason.BAD_SIGNATURE, e.getMessage());
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenRejected(Reason.MALFORMED, e.getMessage());
        }
        return checkClaims(tenant, claims, audience, now);
    }

    private VerifiedToken checkClaims(String tenant, JWTClaimsSet claims, String audience, Instant now) throws TokenRejected {
        if (claims.getExpirationTime() == null || claims.getSubject() == null || claims.getIssuer() == null) {
            throw new TokenRejected(Reason.MISSING_CLAIM, "exp, sub and iss are required");
        }
        if (!settings.issuer(tenant).equals(claims.getIssuer())) {
            throw new TokenRejected(Reason.WRONG_ISSUER, claims.getIssuer());
        }
        if (audience != null && (claims.getAudience() == null || !claims.getAudience().contains(audience))) {
            throw new TokenRejected(Reason.WRONG_AUDIENCE, String.valueOf(claims.getAudience()));
        }
        Instant expires = claims.getExpirationTime().toInstant();
        if (!expires.plus(settings.clockSkew()).isAfter(now)) {
            throw new TokenRejected(Reason.EXPIRED, "at " + expires);
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().minus(settings.clockSkew()).isAfter(now)) {
            throw new TokenRejected(Reason.NOT_YET_VALID, "from " + claims.getNotBeforeTime().toInstant());
        }
        Object claimedTenant = claims.getClaim("tenant");
        if (claimedTenant != null && !tenant.equals(claimedTenant)) {
            throw new TokenRejected(Reason.WRONG_ISSUER, "issued for tenant " + claimedTenant);
        }
        Object scope = claims.getClaim("scope");
        return new VerifiedToken(tenant, claims.getSubject(), claims.getAudience() == null ? List.of() : claims.getAudience(),
                claims.getJWTID(), expires, scope == null ? "" : scope.toString());
    }
}
