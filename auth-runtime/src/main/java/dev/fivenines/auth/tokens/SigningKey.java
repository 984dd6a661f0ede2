package dev.fivenines.auth.tokens;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;

/**
 * One signing key of a tenant. The private half never leaves this object: {@link #publicJwk()} is what
 * JWKS shows, {@link #toString()} names only the key id. Its signer and verifier are built once, on first use, and
 * shared by every token it signs or checks (Nimbus' signers and verifiers keep no state between calls): building
 * them parses the key and hands it to the crypto provider, which is more work than the signature itself.
 */
public final class SigningKey {

    private final String kid;
    private final Algorithm algorithm;
    private final JWK jwk;
    private final Instant createdAt;
    private final Optional<Instant> retiredAt;
    private volatile JWSSigner signer;
    private volatile JWSVerifier verifier;

    /** @param retiredAt when it stopped signing; it keeps verifying until the last token it signed expired */
    public SigningKey(String kid, Algorithm algorithm, JWK jwk, Instant createdAt, Optional<Instant> retiredAt) {
        this.kid = Objects.requireNonNull(kid, "kid");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.jwk = Objects.requireNonNull(jwk, "jwk");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.retiredAt = Objects.requireNonNull(retiredAt, "retiredAt");
    }

    public static SigningKey generate(String kid, Algorithm algorithm, Instant now) {
        try {
            JWK jwk = switch (algorithm) {
                case ES256 -> new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(algorithm.jws()).generate();
                case EdDSA -> new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(algorithm.jws()).generate();
            };
            return new SigningKey(kid, algorithm, jwk, now, Optional.empty());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        }
    }

    public String kid() {
        return kid;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public JWK jwk() {
        return jwk;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> retiredAt() {
        return retiredAt;
    }

    public SigningKey retire(Instant at) {
        return new SigningKey(kid, algorithm, jwk, createdAt, Optional.of(at));
    }

    public JWK publicJwk() {
        return jwk.toPublicJWK();
    }

    JWSSigner signer() throws JOSEException {
        JWSSigner built = signer;
        if (built == null) {
            built = switch (algorithm) {
                case ES256 -> new ECDSASigner((ECKey) jwk);
                case EdDSA -> new Ed25519Signer((OctetKeyPair) jwk);
            };
            signer = built;
        }
        return built;
    }

    JWSVerifier verifier() throws JOSEException {
        JWSVerifier built = verifier;
        if (built == null) {
            built = switch (algorithm) {
                case ES256 -> new ECDSAVerifier(((ECKey) jwk).toPublicJWK());
                case EdDSA -> new Ed25519Verifier(((OctetKeyPair) jwk).toPublicJWK());
            };
            verifier = built;
        }
        return built;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SigningKey key && kid.equals(key.kid) && algorithm == key.algorithm && jwk.equals(key.jwk)
                && createdAt.equals(key.createdAt) && retiredAt.equals(key.retiredAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kid, algorithm, jwk, createdAt, retiredAt);
    }

    @Override
    public String toString() {
        return "SigningKey[" + kid + ", " + algorithm + (retiredAt.isPresent() ? ", retired " + retiredAt.get() : "") + "]";
    }
}
