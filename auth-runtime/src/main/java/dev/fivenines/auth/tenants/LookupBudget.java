package dev.fivenines.auth.tenants;

import com.github.benmanes.caffeine.cache.Ticker;

/** At most {@code perSecond} storage lookups in each one-second window (windows counted from the first lookup). */
final class LookupBudget {

    private static final long SECOND = 1_000_000_000L;

    private final int perSecond;
    private final Ticker ticker;
    private long windowStart;
    private int used;
    private boolean started;

    LookupBudget(int perSecond, Ticker ticker) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("at least one tenant lookup a second must be allowed, was " + perSecond);
        }
        this.perSecond = perSecond;
        this.ticker = ticker;
    }

    int perSecond() {
        return perSecond;
    }

    synchronized boolean tryAcquire() {
        long now = ticker.read();
        if (!started || now - windowStart >= SECOND) {
            started = true;
            windowStart = now;
            used = 0;
        }
        if (used >= perSecond) {
            return false;
        }
        used++;
        return true;
    }
}
