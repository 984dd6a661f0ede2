package dev.fivenines.auth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.fivenines.auth.tenants.ServedTenants;

class DeploymentIdentityTest {

    @Test
    void aDedicatedDeploymentServesItsCustomersTenantOnly() {
        ServedTenants served = ServedTenants.of(new DeploymentIdentity("auth-acme", "Dedicated", "us-east-1", "acme"));
        assertThat(served.serves("acme")).isTrue();
        assertThat(served.serves("globex")).isFalse();
        assertThatThrownBy(() -> served.require("globex")).isInstanceOf(ServedTenants.NotServedHere.class)
                .hasMessageContaining("auth-acme");
    }

    @Test
    void everyOtherVariantServesEveryTenant() {
        for (String variant : new String[] {"Primary", "Backup", "Edge"}) {
            ServedTenants served = ServedTenants.of(new DeploymentIdentity("auth", variant, "us-east-1", null));
            assertThat(served.serves("acme")).as(variant).isTrue();
            assertThat(served.serves("globex")).as(variant).isTrue();
        }
    }

    @Test
    void contradictorySettingsStopTheRuntimeNamingTheSetting() {
        assertThatThrownBy(() -> new DeploymentIdentity("auth", "Dedicated", "us-east-1", null))
                .hasMessageContaining("fivenines.customer (FIVENINES_CUSTOMER)");
        assertThatThrownBy(() -> new DeploymentIdentity("auth", "Dedicated", "us-east-1", "Not A Tenant"))
                .hasMessageContaining("tenant id");
        assertThatThrownBy(() -> new DeploymentIdentity("auth", "Primary", "us-east-1", "acme"))
                .hasMessageContaining("only a Dedicated deployment");
        assertThatThrownBy(() -> new DeploymentIdentity("auth", "primary", "us-east-1", null))
                .hasMessageContaining("fivenines.variant (FIVENINES_VARIANT)");
    }
}
