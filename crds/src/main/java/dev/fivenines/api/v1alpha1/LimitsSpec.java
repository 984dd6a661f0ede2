package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Per-client rate limits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.milestones) || self.milestones.all(m, m < self.clientBlockRps)", fieldPath = ".milestones", message = "spec.limits.milestones must all be below spec.limits.clientBlockRps")
@ValidationRule(value = "!has(self.milestones) || (self.milestones.isSorted() && self.milestones.all(m, self.milestones.exists_one(x, x == m)))", fieldPath = ".milestones", message = "spec.limits.milestones must be strictly ascending, e.g. [100, 200, 500, 1000]")
@ValidationRule(value = "!has(self.tenants) || self.tenants.all(t, self.tenants.exists_one(x, x.tenant == t.tenant))", fieldPath = ".tenants",
        message = "spec.limits.tenants must name each tenant once")
public class LimitsSpec {

    @JsonPropertyDescription("Requests per second at which a client is blocked (429).")
    @Default("2000")
    @Min(1)
    private Integer clientBlockRps = 2000;

    @JsonPropertyDescription("Request rates that raise an event when a client crosses them; ascending, below clientBlockRps.")
    @Default("[100, 200, 500, 1000]")
    @Size(max = 10)
    private List<Integer> milestones = new ArrayList<>(List.of(100, 200, 500, 1000));

    @JsonPropertyDescription("Tenants with limits of their own, e.g. a large customer allowed more than the default.")
    @Size(max = 100)
    private List<TenantLimit> tenants;

    public List<TenantLimit> getTenants() {
        return tenants;
    }

    public void setTenants(List<TenantLimit> tenants) {
        this.tenants = tenants;
    }

    public Integer getClientBlockRps() {
        return clientBlockRps;
    }

    public void setClientBlockRps(Integer clientBlockRps) {
        this.clientBlockRps = clientBlockRps;
    }

    public List<Integer> getMilestones() {
        return milestones;
    }

    public void setMilestones(List<Integer> milestones) {
        this.milestones = milestones;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LimitsSpec other)) {
            return false;
        }
        return Objects.equals(clientBlockRps, other.clientBlockRps) && Objects.equals(milestones, other.milestones)
                && Objects.equals(tenants, other.tenants);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientBlockRps, milestones, tenants);
    }
}
