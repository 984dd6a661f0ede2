package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** One tenant's own rate limits, instead of the blueprint's. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TenantLimit {

    @JsonPropertyDescription("The tenant id.")
    @Required
    @Size(max = 63)
    @Pattern("^[a-z0-9][a-z0-9-]{0,62}$")
    private String tenant;

    @JsonPropertyDescription("Requests per second at which one of the tenant's clients is blocked (429), instead of spec.limits.clientBlockRps.")
    @Required
    @Min(1)
    @Max(1000000)
    private Integer clientBlockRps;

    @JsonPropertyDescription("Requests per second at which all the tenant's clients together are blocked (429); none when left out.")
    @Min(1)
    @Max(1000000)
    private Integer tenantBlockRps;

    public String getTenant() {
        return tenant;
    }

    public void setTenant(String tenant) {
        this.tenant = tenant;
    }

    public Integer getClientBlockRps() {
        return clientBlockRps;
    }

    public void setClientBlockRps(Integer clientBlockRps) {
        this.clientBlockRps = clientBlockRps;
    }

    public Integer getTenantBlockRps() {
        return tenantBlockRps;
    }

    public void setTenantBlockRps(Integer tenantBlockRps) {
        this.tenantBlockRps = tenantBlockRps;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TenantLimit other)) {
            return false;
        }
        return Objects.equals(tenant, other.tenant) && Objects.equals(clientBlockRps, other.clientBlockRps)
                && Objects.equals(tenantBlockRps, other.tenantBlockRps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, clientBlockRps, tenantBlockRps);
    }
}
