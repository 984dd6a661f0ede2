package dev.fivenines.auth.limits;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of a {@link RateLimiter}. All rates are requests per second for the whole deployment; each replica
 * enforces its share (see {@link RateLimiter}).
 *
 * @param clientBlockRps above this rate one client (per tenant) is blocked with 429; default 2000
 * @param milestones rates, ascending and below {@code clientBlockRps}, whose first crossing by a client in a
 *        milestone window is reported for logging and counting; default 100, 200, 500, 1000; at most 16
 * @param tenantBlockRps above this rate all clients of one tenant together are blocked; 0 (the default) means no
 *        tenant-wide block
 * @param replicas the Deployment's replica count; each replica enforces {@code ceil(limit / replicas)}; default 1
 * @param tenants per-tenant overrides of {@code clientBlockRps} and {@code tenantBlockRps}, by tenant id
 * @param milestoneWindow a milestone is reported at most once per client and level in each window of this length;
 *        default 1 minute, at least 1 second
 * @param idleAfter a client with no admitted request for this long is forgotten by {@link RateLimiter#sweep()};
 *        default 2 minutes, at least {@code milestoneWindow}, so forgetting a client never reports a milestone
 *        twice in one window
 */
public record LimitSettings(int clientBlockRps, List<Integer> milestones, int tenantBlockRps, int replicas,
        Map<String, TenantLimits> tenants, Duration milestoneWindow, Duration idleAfter) {

    /** The largest rate a limit may be set to; per-client counts are packed into 20 bits. */
    public static final int MAX_RPS = 1_000_000;
    public static final int MAX_MILESTONES = 16;

    public LimitSettings {
        requireRate("clientBlockRps", clientBlockRps, false);
        requireRate("tenantBlockRps", tenantBlockRps, true);
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1 (the Deployment's replica count), was " + replicas);
        }
        if (milestones == null) {
            throw new IllegalArgumentException("milestones must be a list (empty for none), was null");
        }
        milestones = List.copyOf(milestones);
        if (milestones.size() > MAX_MILESTONES) {
            throw new IllegalArgumentException("milestones may have at most " + MAX_MILESTONES + " levels, has " + milestones.size());
        }
        int previous = 0;
        for (int level : milestones) {
            if (level <= 0) {
                throw new IllegalArgumentException("milestones must be positive, " + milestones + " has " + level);
            }
            if (level <= previous) {
                throw new IllegalArgumentException("milestones must be strictly ascending, " + milestones + " has " + level + " after " + previous);
            }
            if (level >= clientBlockRps) {
                throw new IllegalArgumentException("milestones must be below clientBlockRps (" + clientBlockRps + "), " + milestones + " has " + level);
            }
            previous = level;
        }
        if (tenants == null) {
            throw new IllegalArgumentException("tenants must be a map (empty for no overrides), was null");
        }
        tenants = Map.copyOf(tenants);
        tenants.forEach((tenant, limits) -> {
            if (tenant.isBlank()) {
                throw new IllegalArgumentException("tenants: a tenant id must not be blank");
            }
            limits.clientBlockRps().ifPresent(rps -> requireRate("tenants." + tenant + ".clientBlockRps", rps, false));
            limits.tenantBlockRps().ifPresent(rps -> requireRate("tenants." + tenant + ".tenantBlockRps", rps, true));
        });
        if (milestoneWindow == null || milestoneWindow.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("milestoneWindow must be at least 1 second, was " + milestoneWindow);
        }
        if (idleAfter == null || idleAfter.compareTo(milestoneWindow) < 0) {
            throw new IllegalArgumentException("idleAfter must be at least milestoneWindow (" + milestoneWindow + "), was " + idleAfter
                    + "; a client forgotten sooner could have a milestone reported twice in one window");
        }
    }

    public static LimitSettings defaults() {
        return new LimitSettings(2000, List.of(100, 200, 500, 1000), 0, 1, Map.of(), Duration.ofMinutes(1), Duration.ofMinutes(2));
    }

    public LimitSettings withClientBlockRps(int rps) {
        return new LimitSettings(rps, milestones, tenantBlockRps, replicas, tenants, milestoneWindow, idleAfter);
    }

    public LimitSettings withMilestones(List<Integer> levels) {
        return new LimitSettings(clientBlockRps, levels, tenantBlockRps, replicas, tenants, milestoneWindow, idleAfter);
    }

    public LimitSettings withTenantBlockRps(int rps) {
        return new LimitSettings(clientBlockRps, milestones, rps, replicas, tenants, milestoneWindow, idleAfter);
    }

    public LimitSettings withReplicas(int count) {
        return new LimitSettings(clientBlockRps, milestones, tenantBlockRps, count, tenants, milestoneWindow, idleAfter);
    }

    public LimitSettings withTenant(String tenant, TenantLimits limits) {
        Map<String, TenantLimits> all = new HashMap<>(tenants);
        all.put(tenant, limits);
        return new LimitSettings(clientBlockRps, milestones, tenantBlockRps, replicas, all, milestoneWindow, idleAfter);
    }

    public LimitSettings withMilestoneWindow(Duration window) {
        return new LimitSettings(clientBlockRps, milestones, tenantBlockRps, replicas, tenants, window, idleAfter);
    }

    public LimitSettings withIdleAfter(Duration idle) {
        return new LimitSettings(clientBlockRps, milestones, tenantBlockRps, replicas, tenants, milestoneWindow, idle);
    }

    /** The client limit this replica enforces for a tenant: the tenant's or the default, divided by the replicas. */
    int localClientLimit(String tenant) {
        TenantLimits own = tenants.get(tenant);
        int limit = own == null ? clientBlockRps : own.clientBlockRps().orElse(clientBlockRps);
        return share(limit);
    }

    /** The tenant-wide limit this replica enforces, or 0 for none. */
    int localTenantLimit(String tenant) {
        TenantLimits own = tenants.get(tenant);
        int limit = own == null ? tenantBlockRps : own.tenantBlockRps().orElse(tenantBlockRps);
        return share(limit);
    }

    private int share(int limit) {
        return (int) ((limit + (long) replicas - 1) / replicas);
    }

    private static void requireRate(String name, int rps, boolean zeroMeansNone) {
        int lowest = zeroMeansNone ? 0 : 1;
        if (rps < lowest || rps > MAX_RPS) {
            throw new IllegalArgumentException(name + " must be between " + lowest + " and " + MAX_RPS + " requests per second"
                    + (zeroMeansNone ? " (0 for no tenant-wide block)" : "") + ", was " + rps);
        }
    }
}
