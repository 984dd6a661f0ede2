package dev.fivenines.auth.clients;

import java.time.Duration;

/**
 * How long the token endpoint trusts a client lookup it keeps: read again in the background after
 * {@code refreshAfter}, before answering after {@code expireAfter} (the bound within which a change made elsewhere is
 * seen), and served through a storage failure until {@code maxAge}; at most {@code maxEntries} lookups held.
 */
public record ClientCacheSettings(Duration refreshAfter, Duration expireAfter, Duration maxAge, int maxEntries) {

    public ClientCacheSettings {
        if (refreshAfter.isNegative() || refreshAfter.compareTo(expireAfter) > 0) {
            throw new IllegalArgumentException("fivenines.clients.refresh-after (" + refreshAfter
                    + ") must be at least zero and at most fivenines.clients.expire-after (" + expireAfter + ")");
        }
        if (maxAge.compareTo(expireAfter) < 0) {
            throw new IllegalArgumentException("fivenines.clients.max-age (" + maxAge + ") must not be shorter than fivenines.clients.expire-after ("
                    + expireAfter + ")");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("fivenines.clients.max-in-memory must be at least 1, not " + maxEntries);
        }
    }
}
