package dev.fivenines.auth.api;

import dev.fivenines.auth.tenants.ServedTenants;
import dev.fivenines.auth.tenants.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The first check of every request under {@code /tenants/{tenant}}: the id is well formed (400 otherwise), names a tenant
 * this deployment serves (404 otherwise: a Dedicated deployment serves its customer's tenant only) and a provisioned
 * tenant (404 otherwise), before any key, model, limiter or client is looked at.
 */
@ApplicationScoped
class TenantGate {

    private final TenantDirectory directory;
    private final ServedTenants served;

    TenantGate(TenantDirectory directory, ServedTenants served) {
        this.directory = directory;
        this.served = served;
    }

    /** May read storage (once per tenant and refresh interval): call it off the I/O thread. */
    String require(String tenant) {
        served.require(Tenants.require(tenant));
        directory.require(tenant);
        return tenant;
    }

    /** What memory alone says of the (well-formed, served) tenant id. */
    TenantDirectory.Presence inMemory(String tenant) {
        served.require(Tenants.require(tenant));
        return directory.inMemory(tenant);
    }
}
