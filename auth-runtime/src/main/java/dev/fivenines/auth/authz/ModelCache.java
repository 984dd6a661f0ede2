package dev.fivenines.auth.authz;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Per-tenant models in memory, so a decision never waits for storage. A tenant is loaded on first use;
 * a change marks it stale ({@link #invalidate}); a model older than {@code refreshAfter} is reloaded in
 * the background while the current one keeps answering. When storage fails, the last model keeps
 * answering until it is older than {@code maxAge}; past that, decisions fail rather than answer from
 * data that old. At most {@code maxTenants} tenants' models are held (10,000 by default); the least used beyond that
 * are dropped (Caffeine's W-TinyLFU) and loaded again on their next decision.
 */
public final class ModelCache {

    /** Storage could not give a model and the one in memory is too old (or there is none). */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static final int DEFAULT_MAX_TENANTS = 10_000;

    private record Entry(TenantModel model, Instant loadedAt, AtomicBoolean stale, AtomicBoolean refreshing) {
    }

    private final Function<String, TenantModel> loader;
    private final Duration refreshAfter;
    private final Duration maxAge;
    private final Clock clock;
    private final Executor background;
    private final Cache<String, Entry> cache;
    private final ConcurrentMap<String, Entry> models;

    public ModelCache(Function<String, TenantModel> loader, Duration refreshAfter, Duration maxAge, Clock clock, Executor background) {
        this(loader, refreshAfter, maxAge, clock, background, DEFAULT_MAX_TENANTS);
    }

    /** @param maxTenants at most this many tenants' models are held; the least used beyond that are dropped and loaded again on use */
    public ModelCache(Function<String, TenantModel> loader, Duration refreshAfter, Duration maxAge, Clock clock, Executor background,
            int maxTenants) {
        if (maxAge.compareTo(refreshAfter) < 0) {
            throw new IllegalArgumentException("the maximum age must not be shorter than the refresh interval");
        }
        this.loader = loader;
        this.refreshAfter = refreshAfter;
        this.maxAge = maxAge;
        this.clock = clock;
        this.background = background;
        this.cache = Caffeine.newBuilder().maximumSize(maxTenants).executor(Runnable::run).build();
        this.models = cache.asMap();
    }

    public TenantModel model(String tenant) {
        Entry entry = models.get(tenant);
        Instant now = clock.instant();
        if (entry == null) {
            return load(tenant, null).model();
        }
        Duration age = Duration.between(entry.loadedAt(), now);
        if (entry.stale().get() || age.compareTo(maxAge) >= 0) {
            try {
                return load(tenant, entry).model();
            } catch (Unavailable e) {
                if (age.compareTo(maxAge) < 0) {
                    return entry.model();
                }
                throw e;
            }
        }
        if (age.compareTo(refreshAfter) >= 0 && entry.refreshing().compareAndSet(false, true)) {
            background.execute(() -> {
                try {
                    load(tenant, entry);
                } catch (Unavailable e) {
                    entry.refreshing().set(false);
                }
            });
        }
        return entry.model();
    }

    /**
     * Whether {@link #model} would answer from memory right now, without loading (a background refresh may
     * still be started).
     */
    public boolean inMemory(String tenant) {
        Entry entry = models.get(tenant);
        return entry != null && !entry.stale().get() && Duration.between(entry.loadedAt(), clock.instant()).compareTo(maxAge) < 0;
    }

    /** The tenant was retired: its model is dropped from memory. */
    public void forget(String tenant) {
        models.remove(tenant);
    }

    /** How many tenants' models are held, after pending evictions ran. */
    public long tenantsInMemory() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** A change was written: the next decision for this tenant loads the model again. */
    public void invalidate(String tenant) {
        Entry entry = models.get(tenant);
        if (entry != null) {
            entry.stale().set(true);
        }
    }

    private Entry load(String tenant, Entry previous) {
        TenantModel model;
        try {
            model = loader.apply(tenant);
        } catch (RuntimeException e) {
            throw new Unavailable("the model of tenant " + tenant + " could not be loaded: " + e.getMessage(), e);
        }
        Entry fresh = new Entry(model, clock.instant(), new AtomicBoolean(false), new AtomicBoolean(false));
        if (previous == null) {
            models.putIfAbsent(tenant, fresh);
        } else {
            models.replace(tenant, previous, fresh);
        }
        return fresh;
    }
}
