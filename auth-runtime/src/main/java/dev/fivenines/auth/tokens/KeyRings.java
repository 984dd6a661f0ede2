package dev.fivenines.auth.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.fivenines.auth.storage.AuthStore;

/**
 * Every tenant's key ring, shared by all replicas through the table and held in memory: signing and
 * verifying read memory only. A ring is created on a tenant's first use, rotated when its active key is
 * older than the rotation period (the first replica to write wins, the others adopt its ring), and re-read
 * every {@code refresh} so a rotation made by another replica is seen.
 *
 * <p>Re-reading and rotating run in the background, started by a request that finds its ring due, while
 * that request and the ones after it go on with the ring in memory. When storage fails, the last ring read
 * keeps serving and the read is tried again a second later. A request waits for storage in two cases only,
 * both with nothing else to answer from: the tenant's first use, and a token whose key id the ring in memory
 * does not know (another replica may have just rotated; at most one such read a second per tenant). Reads
 * of one tenant never overlap: a request that needs one while one is under way waits for that one, and no
 * map lock is held while storage answers.
 *
 * <p>At most {@code maxTenants} rings are held (10,000 by default); the least used beyond that are dropped (Caffeine's
 * W-TinyLFU) and read again on their tenant's next request. Only provisioned tenants reach this class: the API refuses
 * every other tenant id before it asks for keys.
 */
public final class KeyRings implements KeySource {

    private static final Logger LOG = Logger.getLogger(KeyRings.class);
    /** How soon after a read (successful or not) a tenant's ring may be read again. */
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    static final int DEFAULT_MAX_TENANTS = 10_000;

    /** A tenant's ring as last read, when that read was, and when a read was last tried. */
    private record Snapshot(KeyRing ring, Instant readAt, Instant triedAt) {
    }

    private final AuthStore store;
    private final Algorithm algorithm;
    private final Duration rotationPeriod;
    private final Duration tokenLifetime;
    private final Duration refresh;
    private final Clock clock;
    private final Executor background;
    private final Cache<String, Snapshot> held;
    private final ConcurrentMap<String, Snapshot> rings;
    private final ConcurrentMap<String, CompletableFuture<Snapshot>> reads = new ConcurrentHashMap<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    public KeyRings(AuthStore store, Algorithm algorithm, Duration rotationPeriod, Duration tokenLifetime, Duration refresh, Clock clock,
            Executor background) {
        this(store, algorithm, rotationPeriod, tokenLifetime, refresh, clock, background, DEFAULT_MAX_TENANTS);
    }

    /** @param maxTenants at most this many tenants' rings are held; the least used beyond that are dropped and read again on use */
    public KeyRings(AuthStore store, Algorithm algorithm, Duration rotationPeriod, Duration tokenLifetime, Duration refresh, Clock clock,
            Executor background, int maxTenants) {
        this.store = store;
        this.algorithm = algorithm;
        this.rotationPeriod = rotationPeriod;
        this.tokenLifetime = tokenLifetime;
        this.refresh = refresh;
        this.clock = clock;
        this.background = background;
        this.held = Caffeine.newBuilder().maximumSize(maxTenants).executor(Runnable::run).build();
        this.rings = held.asMap();
    }

    @Override
    public boolean inMemory(String tenant) {
        return rings.containsKey(tenant);
    }

    @Override
    public void forget(String tenant) {
        rings.remove(tenant);
    }

    /** How many tenants' rings are held, after pending evictions ran. */
    public long tenantsInMemory() {
        held.cleanUp();
        return held.estimatedSize();
    }

    @Override
    public KeyRing ring(String tenant) {
        Snapshot held = rings.get(tenant);
        if (held == null) {
            return await(read(tenant, null)).ring();
        }
        if (dueForRead(held, clock.instant()) && queued.add(tenant)) {
            readInBackground(tenant, held);
        }
        return rings.get(tenant).ring();
    }

    @Override
    public KeyRing ringKnowing(String tenant, String kid) {
        KeyRing ring = ring(tenant);
        if (knows(ring, kid)) {
            return ring;
        }
        Snapshot held = rings.get(tenant);
        if (knows(held.ring(), kid) || held.triedAt().plus(RETRY_PAUSE).isAfter(clock.instant())) {
            return held.ring();
        }
        return await(read(tenant, held)).ring();
    }

    private boolean dueForRead(Snapshot held, Instant now) {
        boolean stale = !held.readAt().plus(refresh).isAfter(now) || held.ring().dueForRotation(now, rotationPeriod);
        return stale && !held.triedAt().plus(RETRY_PAUSE).isAfter(now);
    }

    private static boolean knows(KeyRing ring, String kid) {
        return ring.active().kid().equals(kid) || ring.retired().stream().anyMatch(k -> k.kid().equals(kid));
    }

    private void readInBackground(String tenant, Snapshot held) {
        try {
            background.execute(() -> {
                try {
                    read(tenant, held);
                } finally {
                    queued.remove(tenant);
                }
            });
        } catch (RejectedExecutionException e) {
            queued.remove(tenant);
            LOG.warnf("tenant=%s: the signing keys were not re-read: %s", tenant, e.toString());
        }
    }

    /**
     * Reads the tenant's ring on this thread, unless a read is under way (then that read is the answer) or one finished
     * since the caller looked at {@code seen} (then its result is). A failed read leaves the ring held as it was.
     */
    private CompletableFuture<Snapshot> read(String tenant, Snapshot seen) {
        CompletableFuture<Snapshot> mine = new CompletableFuture<>();
        CompletableFuture<Snapshot> running = reads.putIfAbsent(tenant, mine);
        if (running != null) {
            return running;
        }
        Instant now = clock.instant();
        try {
            Snapshot current = rings.get(tenant);
            if (current != seen) {
                mine.complete(current);
                return mine;
            }
            Snapshot fresh = new Snapshot(load(tenant, now), now, now);
            rings.put(tenant, fresh);
            mine.complete(fresh);
        } catch (RuntimeException | Error e) {
            Snapshot kept = rings.computeIfPresent(tenant, (t, last) -> new Snapshot(last.ring(), last.readAt(), now));
            if (kept != null) {
                LOG.warnf("tenant=%s: the signing keys could not be read (%s); still using the ones read at %s", tenant, e.toString(),
                        kept.readAt());
            }
            mine.completeExceptionally(e);
        } finally {
            reads.remove(tenant, mine);
        }
        return mine;
    }

    private static Snapshot await(CompletableFuture<Snapshot> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    private KeyRing load(String tenant, Instant now) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<AuthStore.StoredKeys> stored = store.signingKeys(tenant);
            if (stored.isEmpty()) {
                KeyRing created = KeyRing.create(tenant, algorithm, now);
                if (store.saveSigningKeys(tenant, KeyRingCodec.toJson(created), 0)) {
                    return created;
                }
                continue;
            }
            KeyRing ring = KeyRingCodec.fromJson(stored.get().json());
            if (!ring.dueForRotation(now, rotationPeriod)) {
                return ring;
            }
            KeyRing rotated = ring.rotate(algorithm, now, tokenLifetime);
            if (store.saveSigningKeys(tenant, KeyRingCodec.toJson(rotated), stored.get().version())) {
                return rotated;
            }
        }
        throw new IllegalStateException("the signing keys of tenant " + tenant + " keep changing under this replica");
    }
}
