package dev.fivenines.auth.limits;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import dev.fivenines.auth.limits.Admission.Outcome;

/**
 * Per-client and per-tenant request rate limits, decided in memory on the request path.
 *
 * <h2>What is measured</h2>
 * A client is the pair (tenant, client id). Its rate is measured over one-second windows with a sliding
 * approximation: the count of the current window plus the previous window's count weighted by the part of the
 * previous window still inside the last second ({@code previous × (1 − elapsed fraction) + current}). It is chosen
 * over a fixed window because a fixed window lets a client send twice the limit across a window boundary
 * (a full window's worth at the end of one and again at the start of the next) and then treats it as new at every
 * boundary; the sliding estimate carries the previous second over and costs the same: one {@code long} per client,
 * updated with one compare-and-set. Only admitted requests are counted. A blocked request changes nothing, so a
 * client sending faster than its limit gets the limit's worth admitted every second, and a client that slows down
 * is admitted again as soon as its admitted requests of the last second fall under the limit, within about one
 * second; it cannot keep itself blocked by being refused.
 * <p>
 * Guarantee on one replica: within any one window of the limiter (a second measured from its start) a client has at
 * most its limit admitted, exactly, under any number of threads. Over an arbitrary one-second interval that spans a
 * window boundary the estimate assumes the previous window's requests were spread evenly; traffic that came in a
 * burst at the very end of a window can, in the worst case, see up to twice the limit admitted in that interval.
 * <p>
 * With a tenant-wide limit ({@code tenantBlockRps > 0}) the tenant's clients together are measured the same way,
 * and a request must fit under both. A request that fits the client's limit but not the tenant's is taken back from
 * the client's count.
 *
 * <h2>Replicas</h2>
 * Each replica enforces {@code ceil(limit / replicas)} on its own, with {@code replicas} from
 * {@link LimitSettings#replicas()}, which the operator sets to the Deployment's replica count. There is no
 * coordination between replicas: nothing is read or written over the network on the request path, and no shared
 * store can fail or slow every replica at once. What that guarantees, with N replicas:
 * <ul>
 * <li>behind a Service that spreads a client's requests evenly, the cluster-wide admitted rate of a client is at
 * most about the limit (N × ceil(limit / N), never less than the limit);</li>
 * <li>when balancing is uneven (long-lived connections pinned to one pod, a client with few connections), the
 * replica that gets more than its share blocks that client before the client reaches the limit cluster-wide;
 * in the extreme of one connection, the client is held to limit / N;</li>
 * <li>when the Deployment scales and the setting is not updated, each replica keeps enforcing its old share, so
 * the effective cluster-wide limit scales with the replica count (doubling replicas doubles it); the setting is
 * fixed per limiter, so a new replica count means building a new {@code RateLimiter}.</li>
 * </ul>
 * Milestones are compared with this replica's rate multiplied by N (the cluster rate under even balancing), so each
 * replica reports a level when the client crosses it; cluster-wide a milestone is logged and counted up to once per
 * replica per window.
 *
 * <h2>Milestones and counters</h2>
 * When a client's rate (including the request being admitted) first reaches a configured milestone level within a
 * milestone window ({@link LimitSettings#milestoneWindow()}, default one minute, counted from the limiter's start),
 * {@code admit} reports that level in {@link Admission#milestoneCrossed()}: exactly once per client, level and
 * window. {@link #milestoneCount(int)}, {@link #blockedCount()} and {@link #blockedCount(String)} read
 * {@link LongAdder}s and are cheap enough for a metrics scrape. The per-tenant blocked count lives with the tenant's
 * entry and starts again from 0 after all the tenant's clients were idle and swept.
 *
 * <h2>Memory</h2>
 * Entries are created on a client's first request and removed by {@link #sweep()} once the client had no admitted
 * request for {@link LimitSettings#idleAfter()}; a tenant's entry goes with its last client. Call {@code sweep}
 * periodically (every 30 seconds is plenty). Between sweeps memory grows with the number of distinct clients, so
 * pass a client id the caller has authenticated (the token's client), not a value a caller can vary freely.
 *
 * <h2>Cost</h2>
 * {@code admit} is O(1): two hash lookups, one compare-and-set on the client (and one on the tenant with a
 * tenant-wide limit), no locks, no I/O, and no allocation unless the request is blocked (then one small {@link Admission}).
 * A client's first request takes the tenant's map entry lock once to register it.
 *
 * <h2>Wiring</h2>
 * <pre>{@code
 * Admission admission = limiter.admit(tenant, clientId);
 * if (admission.blocked()) {
 *     log: tenant, clientId, source address, path, user agent, admission.outcome(), admission.limitRps()
 *     return 429 with header Retry-After: admission.retryAfterSeconds()
 * }
 * if (admission.milestoneCrossed() > 0) {
 *     log: tenant, clientId, admission.milestoneCrossed()
 * }
 * }</pre>
 * Counters for Micrometer: one {@code FunctionCounter} per level of {@link #milestones()} reading
 * {@link #milestoneCount(int)}, and one reading {@link #blockedCount()}. A scheduled job calls {@link #sweep()}.
 * <p>
 * The time source is a monotonic nanosecond counter ({@link System#nanoTime()} in production), not a
 * {@link java.time.Clock}: windows must not jump when the wall clock is stepped, and tests drive it directly.
 */
public final class RateLimiter {

    private static final long WINDOW = SlidingWindow.WINDOW_NANOS;
    private static final long RETIRED = SlidingWindow.RETIRED;
    private static final int MILESTONE_BITS = LimitSettings.MAX_MILESTONES;
    private static final long MILESTONE_MASK = (1L << MILESTONE_BITS) - 1;

    private final LimitSettings settings;
    private final LongSupplier nanoTime;
    private final long origin;
    private final long milestoneWindowNanos;
    /** A client whose last admission is more than this many windows old is idle. */
    private final long idleWindows;
    private final int[] levels;
    /** Per level, the rate on this replica that means the level cluster-wide: ceil(level / replicas). */
    private final long[] localLevels;
    private final LongAdder[] milestoneCounts;
    private final Admission[] milestoneAdmissions;
    private final LongAdder blocked = new LongAdder();
    private final Map<String, TenantEntry> tenants = new ConcurrentHashMap<>();

    public RateLimiter(LimitSettings settings) {
        this(settings, System::nanoTime);
    }

    /**
     * @param nanoTime a monotonic clock in nanoseconds, such as {@code System::nanoTime}; only differences matter
     */
    public RateLimiter(LimitSettings settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.origin = nanoTime.getAsLong();
        this.milestoneWindowNanos = settings.milestoneWindow().toNanos();
        this.idleWindows = (settings.idleAfter().toNanos() + WINDOW - 1) / WINDOW;
        this.levels = settings.milestones().stream().mapToInt(Integer::intValue).toArray();
        this.localLevels = new long[levels.length];
        this.milestoneCounts = new LongAdder[levels.length];
        this.milestoneAdmissions = new Admission[levels.length];
        for (int i = 0; i < levels.length; i++) {
            localLevels[i] = (levels[i] + (long) settings.replicas() - 1) / settings.replicas();
            milestoneCounts[i] = new LongAdder();
            milestoneAdmissions[i] = Admission.milestone(levels[i]);
        }
    }

    /** Decides one request of {@code client} of {@code tenant}, and counts it if admitted. */
    public Admission admit(String tenant, String client) {
        long now = elapsedNanos();
        long window = now / WINDOW;
        long remaining = WINDOW - now % WINDOW;
        TenantEntry tenantEntry = tenants.get(tenant);
        ClientEntry entry = tenantEntry == null ? null : tenantEntry.clients.get(client);
        long counted;
        long previous;
        long countedWindow;
        long countedRemaining;
        for (;;) {
            if (entry == null) {
                entry = register(tenant, client, window);
            }
            long state = entry.rate;
            if (state == RETIRED) {
                entry = null;
                continue;
            }
            long age = SlidingWindow.age(state, window);
            // another thread counted with a later clock reading: count in its window, the previous one at full weight
            countedWindow = age < 0 ? window + age : window;
            countedRemaining = age < 0 ? WINDOW : remaining;
            long rolled = SlidingWindow.rollTo(state, countedWindow);
            long current = SlidingWindow.current(rolled);
            previous = SlidingWindow.previous(rolled);
            int limit = entry.tenant.clientLimit;
            if (!SlidingWindow.fits(current, previous, countedRemaining, limit)) {
                return block(entry.tenant, Outcome.BLOCKED_CLIENT_LIMIT, SlidingWindow.nanosUntilFits(current, previous, countedRemaining, limit),
                        limit);
            }
            counted = current + 1;
            if (RATE.compareAndSet(entry, state, SlidingWindow.pack(countedWindow, counted, previous))) {
                break;
            }
        }
        TenantEntry owner = entry.tenant;
        if (owner.tenantLimit > 0) {
            Admission refused = admitToTenant(owner, window, remaining);
            if (refused != null) {
                release(entry, countedWindow);
                return refused;
            }
        }
        if (levels.length == 0 || SlidingWindow.rate(counted, previous, countedRemaining) < localLevels[0]) {
            return Admission.ADMITTED;
        }
        return milestone(entry, now, SlidingWindow.rate(counted, previous, countedRemaining));
    }

    /** Forgets clients idle for {@link LimitSettings#idleAfter()}, and tenants left without clients. */
    public int sweep() {
        long window = elapsedNanos() / WINDOW;
        int evicted = 0;
        for (Map.Entry<String, TenantEntry> tenant : tenants.entrySet()) {
            Map<String, ClientEntry> clients = tenant.getValue().clients;
            for (Map.Entry<String, ClientEntry> client : clients.entrySet()) {
                ClientEntry entry = client.getValue();
                long state = entry.rate;
                // retired first, so an admit that still holds the entry starts a new one instead of counting into it
                if (state != RETIRED && SlidingWindow.age(state, window) > idleWindows && RATE.compareAndSet(entry, state, RETIRED)) {
                    clients.remove(client.getKey(), entry);
                    evicted++;
                }
            }
            // under the map's lock for this tenant, like register(), so no client is added to a removed tenant
            tenants.computeIfPresent(tenant.getKey(), (id, entry) -> entry.clients.isEmpty() ? null : entry);
        }
        return evicted;
    }

    /** How often {@code level} was reported, over all clients, since the limiter started. */
    public long milestoneCount(int level) {
        int index = Arrays.binarySearch(levels, level);
        if (index < 0) {
            throw new IllegalArgumentException("milestone " + level + " is not configured; milestones are " + settings.milestones());
        }
        return milestoneCounts[index].sum();
    }

    /** The configured milestone levels, ascending. */
    public List<Integer> milestones() {
        return settings.milestones();
    }

    /** Requests blocked, by either limit, since the limiter started. */
    public long blockedCount() {
        return blocked.sum();
    }

    /** Requests of {@code tenant} blocked, by either limit, since the tenant's entry was created; 0 for none. */
    public long blockedCount(String tenant) {
        TenantEntry entry = tenants.get(tenant);
        return entry == null ? 0 : entry.blocked.sum();
    }

    /** Clients currently remembered, over all tenants. */
    public int trackedClients() {
        int count = 0;
        for (TenantEntry tenant : tenants.values()) {
            count += tenant.clients.size();
        }
        return count;
    }

    /** Tenants currently remembered. */
    public int trackedTenants() {
        return tenants.size();
    }

    public LimitSettings settings() {
        return settings;
    }

    private Admission admitToTenant(TenantEntry tenant, long window, long remaining) {
        for (;;) {
            long state = tenant.rate;
            long age = SlidingWindow.age(state, window);
            long countedWindow = age < 0 ? window + age : window;
            long countedRemaining = age < 0 ? WINDOW : remaining;
            long rolled = SlidingWindow.rollTo(state, countedWindow);
            long current = SlidingWindow.current(rolled);
            long previous = SlidingWindow.previous(rolled);
            int limit = tenant.tenantLimit;
            if (!SlidingWindow.fits(current, previous, countedRemaining, limit)) {
                return block(tenant, Outcome.BLOCKED_TENANT_LIMIT, SlidingWindow.nanosUntilFits(current, previous, countedRemaining, limit),
                        limit);
            }
            if (TENANT_RATE.compareAndSet(tenant, state, SlidingWindow.pack(countedWindow, current + 1, previous))) {
                return null;
            }
        }
    }

    /** Takes back a request counted in {@code window}, which the tenant's limit then refused. */
    private static void release(ClientEntry entry, long window) {
        for (;;) {
            long state = entry.rate;
            long released = SlidingWindow.release(state, window);
            if (released == state || RATE.compareAndSet(entry, state, released)) {
                return;
            }
        }
    }

    private Admission milestone(ClientEntry entry, long now, long rate) {
        int reached = 0;
        while (reached < localLevels.length && localLevels[reached] <= rate) {
            reached++;
        }
        long wanted = (1L << reached) - 1;
        long milestoneWindow = now / milestoneWindowNanos;
        for (;;) {
            long state = entry.milestones;
            long reported = (state >>> MILESTONE_BITS) == milestoneWindow ? state & MILESTONE_MASK : 0;
            long missing = wanted & ~reported;
            if (missing == 0) {
                return Admission.ADMITTED;
            }
            // the lowest first: a rate that jumps past several levels at once reports each on its own request
            long level = Long.lowestOneBit(missing);
            if (MILESTONES.compareAndSet(entry, state, (milestoneWindow << MILESTONE_BITS) | reported | level)) {
                int index = Long.numberOfTrailingZeros(level);
                milestoneCounts[index].increment();
                return milestoneAdmissions[index];
            }
        }
    }

    private Admission block(TenantEntry tenant, Outcome outcome, long waitNanos, int limit) {
        blocked.increment();
        tenant.blocked.increment();
        return Admission.blocked(outcome, SlidingWindow.retryAfterSeconds(waitNanos), limit);
    }

    private ClientEntry register(String tenant, String client, long window) {
        ClientEntry[] registered = new ClientEntry[1];
        tenants.compute(tenant, (id, existing) -> {
            TenantEntry entry = existing != null ? existing
                    : new TenantEntry(settings.localClientLimit(id), settings.localTenantLimit(id), SlidingWindow.start(window));
            ClientEntry clientEntry = entry.clients.get(client);
            if (clientEntry == null || clientEntry.rate == RETIRED) {
                clientEntry = new ClientEntry(entry, SlidingWindow.start(window));
                entry.clients.put(client, clientEntry);
            }
            registered[0] = clientEntry;
            return entry;
        });
        return registered[0];
    }

    private long elapsedNanos() {
        return Math.max(0, nanoTime.getAsLong() - origin);
    }

    private static final class TenantEntry {
        final Map<String, ClientEntry> clients = new ConcurrentHashMap<>();
        final int clientLimit;
        final int tenantLimit;
        final LongAdder blocked = new LongAdder();
        /** The tenant's {@link SlidingWindow}, used only with a tenant-wide limit. */
        volatile long rate;

        TenantEntry(int clientLimit, int tenantLimit, long rate) {
            this.clientLimit = clientLimit;
            this.tenantLimit = tenantLimit;
            this.rate = rate;
        }
    }

    private static final class ClientEntry {
        final TenantEntry tenant;
        /** The client's {@link SlidingWindow}, or {@link SlidingWindow#RETIRED} once swept. */
        volatile long rate;
        /** Milestone window index in the high bits, a bit per level already reported in it in the low 16. */
        volatile long milestones;

        ClientEntry(TenantEntry tenant, long rate) {
            this.tenant = tenant;
            this.rate = rate;
        }
    }

    private static final VarHandle RATE;
    private static final VarHandle TENANT_RATE;
    private static final VarHandle MILESTONES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RATE = lookup.findVarHandle(ClientEntry.class, "rate", long.class);
            TENANT_RATE = lookup.findVarHandle(TenantEntry.class, "rate", long.class);
            MILESTONES = lookup.findVarHandle(ClientEntry.class, "milestones", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
