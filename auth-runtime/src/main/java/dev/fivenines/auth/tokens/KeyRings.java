package dev.fivenines.auth.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.fivenines.auth.storage.AuthStore;

/**
 * Every tenant's key ring, shared by all replicas through the table and held in memory: signing and
 * verifying never wait for storage. A ring is created on a tenant's first use, rotated when its active
 * key is older than the rotation period (the first replica to write wins, the others adopt its ring),
 * and re-read every {@code refresh} so a rotation made by another replica is seen.
 */
public final class KeyRings implements KeySource {

    private record Held(KeyRing ring, long version, Instant readAt) {
    }

    private final AuthStore store;
    private final Algorithm algorithm;
    private final Duration rotationPeriod;
    private final Duration tokenLifetime;
    private final Duration refresh;
    private final Clock clock;
    private final Map<String, Held> rings = new ConcurrentHashMap<>();

    public KeyRings(AuthStore store, Algorithm algorithm, Duration rotationPeriod, Duration tokenLifetime, Duration refresh, Clock clock) {
        this.store = store;
        this.algorithm = algorithm;
        this.rotationPeriod = rotationPeriod;
        this.tokenLifetime = tokenLifetime;
        this.refresh = refresh;
        this.clock = clock;
    }

    @Override
    public KeyRing ringKnowing(String tenant, String kid) {
        KeyRing ring = ring(tenant);
        boolean known = ring.active().kid().equals(kid) || ring.retired().stream().anyMatch(k -> k.kid().equals(kid));
        Held held = rings.get(tenant);
        Instant now = clock.instant();
        // an unknown kid re-reads the stored ring, at most once a second per tenant
        if (known || held == null || held.readAt().plusSeconds(1).isAfter(now)) {
            return ring;
        }
        return rings.compute(tenant, (t, current) -> load(t, now)).ring();
    }

    @Override
    public KeyRing ring(String tenant) {
        Instant now = clock.instant();
        Held held = rings.get(tenant);
        if (held != null && held.readAt().plus(refresh).isAfter(now) && !held.ring().dueForRotation(now, rotationPeriod)) {
            return held.ring();
        }
        return rings.compute(tenant, (t, current) -> current != null && current.readAt().plus(refresh).isAfter(now)
                && !current.ring().dueForRotation(now, rotationPeriod) ? current : load(t, now)).ring();
    }

    private Held load(String tenant, Instant now) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<AuthStore.StoredKeys> stored = store.signingKeys(tenant);
            if (stored.isEmpty()) {
                KeyRing created = KeyRing.create(tenant, algorithm, now);
                if (store.saveSigningKeys(tenant, KeyRingCodec.toJson(created), 0)) {
                    return new Held(created, 1, now);
                }
                continue;
            }
            KeyRing ring = KeyRingCodec.fromJson(stored.get().json());
            if (!ring.dueForRotation(now, rotationPeriod)) {
                return new Held(ring, stored.get().version(), now);
            }
            KeyRing rotated = ring.rotate(algorithm, now, tokenLifetime);
            if (store.saveSigningKeys(tenant, KeyRingCodec.toJson(rotated), stored.get().version())) {
                return new Held(rotated, stored.get().version() + 1, now);
            }
        }
        throw new IllegalStateException("the signing keys of tenant " + tenant + " keep changing under this replica");
    }
}
