package dev.fivenines.auth.tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * A tenant's signing keys, immutable: one active key signs; retired keys keep verifying until every
 * token they signed has expired (retired time + the longest token lifetime), then drop out.
 */
public record KeyRing(String tenant, SigningKey active, List<SigningKey> retired) {

    public KeyRing {
        retired = List.copyOf(retired);
    }

    public static KeyRing create(String tenant, Algorithm algorithm, Instant now) {
        return new KeyRing(tenant, SigningKey.generate(newKid(tenant, now), algorithm, now), List.of());
    }

    /** A new active key; the current one retires but keeps verifying for {@code tokenLifetime}. */
    public KeyRing rotate(Algorithm algorithm, Instant now, Duration tokenLifetime) {
        List<SigningKey> keep = new ArrayList<>();
        keep.add(active.retire(now));
        retired.stream().filter(k -> k.retiredAt().orElseThrow().plus(tokenLifetime).isAfter(now)).forEach(keep::add);
        return new KeyRing(tenant, SigningKey.generate(newKid(tenant, now), algorithm, now), keep);
    }

    /** Whether the active key is older than the rotation period. */
    public boolean dueForRotation(Instant now, Duration period) {
        return !active.createdAt().plus(period).isAfter(now);
    }

    /** The key that may verify a token with this kid at {@code now}, if any. */
    public Optional<SigningKey> verificationKey(String kid, Instant now, Duration tokenLifetime) {
        if (active.kid().equals(kid)) {
            return Optional.of(active);
        }
        return retired.stream().filter(k -> k.kid().equals(kid))
                .filter(k -> k.retiredAt().orElseThrow().plus(tokenLifetime).isAfter(now)).findFirst();
    }

    /** The public keys, for the tenant's JWKS. */
    public JWKSet jwks() {
        List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>();
        keys.add(active.publicJwk());
        retired.forEach(k -> keys.add(k.publicJwk()));
        return new JWKSet(keys);
    }

    private static String newKid(String tenant, Instant now) {
        return tenant + "-" + now.getEpochSecond() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
