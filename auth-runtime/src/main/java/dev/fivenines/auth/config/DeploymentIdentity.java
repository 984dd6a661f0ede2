package dev.fivenines.auth.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Which AuthDeployment this runtime is, as the operator writes it (FIVENINES_DEPLOYMENT, FIVENINES_VARIANT,
 * FIVENINES_REGION, FIVENINES_CUSTOMER). The deep health report carries it, and a Dedicated deployment serves its
 * customer's tenant only ({@link dev.fivenines.auth.tenants.ServedTenants}).
 *
 * @param customer Dedicated only: the tenant id it serves; null for the other variants
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentIdentity(String deployment, String variant, String region, String customer) {

    public static final List<String> VARIANTS = List.of("Primary", "Backup", "Edge", "Dedicated");
    private static final Pattern TENANT = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    /** Refuses to start a runtime whose settings contradict each other, naming the setting. */
    public DeploymentIdentity {
        if (!VARIANTS.contains(variant)) {
            throw new IllegalArgumentException("fivenines.variant (FIVENINES_VARIANT) is '" + variant + "': it is one of " + VARIANTS);
        }
        boolean dedicated = "Dedicated".equals(variant);
        if (dedicated && (customer == null || !TENANT.matcher(customer).matches())) {
            throw new IllegalArgumentException("fivenines.customer (FIVENINES_CUSTOMER) is '" + customer + "': a Dedicated deployment "
                    + "needs the tenant id of the customer it serves (1 to 63 lower case letters, digits and dashes)");
        }
        if (!dedicated && customer != null) {
            throw new IllegalArgumentException("fivenines.customer (FIVENINES_CUSTOMER) is set for variant " + variant
                    + ": only a Dedicated deployment serves one customer");
        }
    }

    public static DeploymentIdentity of(RuntimeSettings settings) {
        return new DeploymentIdentity(settings.deployment(), settings.variant(), settings.region().orElse(settings.storage().region()),
                settings.customer().filter(c -> !c.isBlank()).orElse(null));
    }

    public boolean dedicated() {
        return "Dedicated".equals(variant);
    }

    /** The one tenant this deployment serves, or empty when it serves every provisioned tenant. */
    public Optional<String> onlyTenant() {
        return dedicated() ? Optional.of(customer) : Optional.empty();
    }
}
