package dev.fivenines.auth.tenants;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;

import dev.fivenines.auth.storage.TenantRecord;

/**
 * Which tenants are provisioned, as this replica knows it: only they are served; every other id is answered 404
 * before any key, model or limiter is touched, and without a write.
 *
 * <p>Memory: at most {@code maxKnown} provisioned tenants (refreshed in the background once {@code refreshAfter} old, so a
 * retirement made by another replica is seen; a refresh that fails keeps the tenant, so a storage outage does not
 * turn tenants away; dropped after ten idle minutes) and at most {@value #MAX_UNKNOWN} ids found not provisioned, each
 * for {@code unknownFor}. Storage: a known tenant costs one read per {@code refreshAfter}; an id in neither cache costs
 * a read, at most {@code lookupsPerSecond} of them a second ({@link LookupBudget}): beyond that such requests are
 * refused with {@link LookupsBusy} (429), so a flood of made-up ids cannot turn into a flood of reads.
 */
public final class TenantDirectory {

    static final int MAX_UNKNOWN = 10_000;
    private static final Duration IDLE = Duration.ofMinutes(10);

    /** What memory alone says of a tenant id. */
    public enum Presence {
        KNOWN, UNKNOWN, NOT_IN_MEMORY
    }

    /** No such tenant is provisioned (or it was retired): answered 404. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String tenant) {
            super("no tenant " + tenant + " is provisioned", null, false, false);
        }
    }

    /** Too many ids not in memory were looked up this second: a rate limit, answered 429 with Retry-After. */
    public static final class LookupsBusy extends RuntimeException {
        LookupsBusy(int perSecond) {
            super("more than " + perSecond + " tenants not in memory were asked for in this second; retry", null, false, false);
        }
    }

    private final LoadingCache<String, Boolean> known;
    private final Cache<String, Boolean> unknown;
    private final LookupBudget budget;

    /**
     * @param reader reads a tenant's record from storage (throws when storage cannot answer)
     */
    public TenantDirectory(Function<String, Optional<TenantRecord>> reader, int maxKnown, Duration refreshAfter, Duration unknownFor,
            int lookupsPerSecond, Ticker ticker, Executor refreshes) {
        this.known = Caffeine.newBuilder().maximumSize(maxKnown).refreshAfterWrite(refreshAfter).expireAfterAccess(IDLE).ticker(ticker)
                .executor(refreshes).build(tenant -> reader.apply(tenant).filter(TenantRecord::active).map(r -> Boolean.TRUE).orElse(null));
        this.unknown = Caffeine.newBuilder().maximumSize(MAX_UNKNOWN).expireAfterWrite(unknownFor).ticker(ticker).executor(refreshes).build();
        this.budget = new LookupBudget(lookupsPerSecond, ticker);
    }

    /** From memory only, so it may be asked where blocking is not allowed (a due refresh starts in the background). */
    public Presence inMemory(String tenant) {
        if (known.getIfPresent(tenant) != null) {
            return Presence.KNOWN;
        }
        return unknown.getIfPresent(tenant) != null ? Presence.UNKNOWN : Presence.NOT_IN_MEMORY;
    }

    /** Returns when the tenant is provisioned; throws {@link NotFound}, {@link LookupsBusy}, or storage's failure. May read storage. */
    public void require(String tenant) {
        Presence presence = inMemory(tenant);
        if (presence == Presence.KNOWN) {
            return;
        }
        if (presence == Presence.UNKNOWN) {
            throw new NotFound(tenant);
        }
        if (!budget.tryAcquire()) {
            throw new LookupsBusy(budget.perSecond());
        }
        if (known.get(tenant) == null) {
            unknown.put(tenant, Boolean.TRUE);
            throw new NotFound(tenant);
        }
    }

    /** This replica provisioned the tenant (or saw it provisioned): it is served from now on. */
    public void provisioned(String tenant) {
        unknown.invalidate(tenant);
        known.put(tenant, Boolean.TRUE);
    }

    /** This replica retired the tenant: it is refused from now on. */
    public void retired(String tenant) {
        known.invalidate(tenant);
        unknown.put(tenant, Boolean.TRUE);
    }

    /** Tenants held as known, after pending evictions ran. */
    public long knownInMemory() {
        known.cleanUp();
        return known.estimatedSize();
    }

    /** Ids held as not provisioned, after pending evictions ran. */
    public long unknownInMemory() {
        unknown.cleanUp();
        return unknown.estimatedSize();
    }
}
