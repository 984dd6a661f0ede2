package dev.fivenines.auth.tenants;

import java.util.Optional;

import dev.fivenines.auth.config.DeploymentIdentity;

/**
 * Which tenants this deployment answers for: every provisioned tenant, except on a Dedicated deployment, which serves
 * its customer's tenant only. Any other tenant's request is refused (404) before the directory, a key, a model or a
 * limiter is looked at: a dedicated customer's pods spend nothing on anyone else, and the tenants it does not serve
 * cannot be probed through it. Decided from memory.
 */
public final class ServedTenants {

    /** The tenant is not one this deployment serves: answered 404, naming the deployment. */
    public static final class NotServedHere extends RuntimeException {
        NotServedHere(String tenant, String deployment) {
            super("tenant " + tenant + " is not served by deployment " + deployment + ": a Dedicated deployment serves its customer's "
                    + "tenant only; ask the tenant's own endpoint", null, false, false);
        }
    }

    private final Optional<String> only;
    private final String deployment;

    private ServedTenants(Optional<String> only, String deployment) {
        this.only = only;
        this.deployment = deployment;
    }

    public static ServedTenants of(DeploymentIdentity identity) {
        return new ServedTenants(identity.onlyTenant(), identity.deployment());
    }

    public boolean serves(String tenant) {
        return only.isEmpty() || only.get().equals(tenant);
    }

    /** Returns when this deployment serves the tenant; throws {@link NotServedHere} otherwise. */
    public void require(String tenant) {
        if (!serves(tenant)) {
            throw new NotServedHere(tenant, deployment);
        }
    }
}
