package dev.fivenines.auth.limits;

import java.util.OptionalInt;

/**
 * One tenant's own limits; an empty value keeps the default from {@link LimitSettings}.
 *
 * @param clientBlockRps requests per second, cluster-wide, above which one client of this tenant is blocked
 * @param tenantBlockRps requests per second, cluster-wide, above which all clients of this tenant together are
 *        blocked; 0 means no tenant-wide block
 */
public record TenantLimits(OptionalInt clientBlockRps, OptionalInt tenantBlockRps) {

    public TenantLimits {
        if (clientBlockRps == null || tenantBlockRps == null) {
            throw new IllegalArgumentException("tenant limits: use OptionalInt.empty() to keep a default, not null");
        }
    }

    public static TenantLimits of(int clientBlockRps, int tenantBlockRps) {
        return new TenantLimits(OptionalInt.of(clientBlockRps), OptionalInt.of(tenantBlockRps));
    }

    public static TenantLimits ofClient(int clientBlockRps) {
        return new TenantLimits(OptionalInt.of(clientBlockRps), OptionalInt.empty());
    }

    public static TenantLimits ofTenant(int tenantBlockRps) {
        return new TenantLimits(OptionalInt.empty(), OptionalInt.of(tenantBlockRps));
    }
}
