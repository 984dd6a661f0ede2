package dev.fivenines.auth.tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens that already verified, so a client that sends the same token a thousand times pays for one
 * signature check. Bounded; an entry is good until its token expires. Keyed by the whole token and the
 * audience asked for: a hit is exactly the same question with the same answer.
 */
final class VerifiedTokenCache {

    private record Key(String token, String audience) {
    }

    private final int capacity;
    private final Duration clockSkew;
    private final Map<Key, VerifiedToken> entries = new ConcurrentHashMap<>();

    VerifiedTokenCache(int capacity, Duration clockSkew) {
        this.capacity = capacity;
        this.clockSkew = clockSkew;
    }

    VerifiedToken get(String tenant, String token, String audience, Instant now) {
        VerifiedToken hit = entries.get(new Key(token, audience));
        if (hit == null || !hit.tenant().equals(tenant)) {
            return null;
        }
        if (!hit.expiresAt().plus(clockSkew).isAfter(now)) {
            entries.remove(new Key(token, audience));
            return null;
        }
        return hit;
    }

    void put(String token, String audience, VerifiedToken verified, Instant now) {
        if (entries.size() >= capacity) {
            entries.values().removeIf(v -> !v.expiresAt().plus(clockSkew).isAfter(now));
            if (entries.size() >= capacity) {
                entries.clear();
            }
        }
        entries.put(new Key(token, audience), verified);
    }
}
