package dev.fivenines.auth.tokens;

import java.time.Instant;
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
 * JWKS shows, {@link #toString()} names only the key id.
 *
 * @param retiredAt when it stopped signing; it keeps verifying until the last token it signed expired
 */
public record SigningKey(String kid, Algorithm algorithm, JWK jwk, Instant createdAt, Optional<Instant> retiredAt) {

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

    public SigningKey retire(Instant at) {
        return new SigningKey(kid, algorithm, jwk, createdAt, Optional.of(at));
    }

    public JWK publicJwk() {
        return jwk.toPublicJWK();
    }

    JWSSigner signer() throws JOSEException {
        return switch (algorithm) {
            case ES256 -> new ECDSASigner((ECKey) jwk);
            case EdDSA -> new Ed25519Signer((OctetKeyPair) jwk);
        };
    }

    JWSVerifier verifier() throws JOSEException {
        return switch (algorithm) {
            case ES256 -> new ECDSAVerifier(((ECKey) jwk).toPublicJWK());
            case EdDSA -> new Ed25519Verifier(((OctetKeyPair) jwk).toPublicJWK());
        };
    }

    @Override
    public String toString() {
        return "SigningKey[" + kid + ", " + algorithm + (retiredAt.isPresent() ? ", retired " + retiredAt.get() : "") + "]";
    }
}
