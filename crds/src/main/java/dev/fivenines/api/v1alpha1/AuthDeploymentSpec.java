package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Objects;

/** One deployment of a blueprint and what may legitimately differ from it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.variant != 'Dedicated' || (has(self.customer) && self.customer != '')", fieldPath = ".customer",
        message = "spec.customer is required for variant Dedicated: set it to the customer this deployment serves")
@ValidationRule(value = "self.variant == 'Dedicated' || !has(self.customer)", fieldPath = ".customer",
        message = "spec.customer is only for variant Dedicated: remove it")
@ValidationRule(value = "!has(self.customer) || self.customer == '' || self.customer.matches('^[a-z0-9][a-z0-9-]{0,62}$')",
        fieldPath = ".customer",
        message = "spec.customer is the tenant id the deployment serves: 1 to 63 lower case letters, digits and dashes, e.g. acme")
@ValidationRule(value = "self.variant != 'Backup' || (has(self.backupOf) && self.backupOf != '')", fieldPath = ".backupOf",
        message = "spec.backupOf is required for variant Backup: set it to the name of the Primary AuthDeployment it stands in for")
@ValidationRule(value = "self.variant == 'Backup' || !has(self.backupOf)", fieldPath = ".backupOf",
        message = "spec.backupOf is only for variant Backup: remove it")
@ValidationRule(value = "!has(self.dns) || self.variant == 'Backup' || has(self.dns.zoneId)", fieldPath = ".dns.zoneId",
        message = "spec.dns.zoneId is required: set the Route 53 hosted zone id (only a Backup takes its primary's)")
@ValidationRule(value = "!has(self.dns) || self.variant == 'Backup' || has(self.dns.recordName)", fieldPath = ".dns.recordName",
        message = "spec.dns.recordName is required: set the record name, e.g. auth.example.com (only a Backup takes its primary's)")
@ValidationRule(value = "!has(self.failoverRegions) || size(self.failoverRegions) == 0 || self.variant == 'Edge'", fieldPath = ".failoverRegions",
        message = "spec.failoverRegions is only for variant Edge: remove it (Primary, Backup and Dedicated deployments fail over through DNS)")
@ValidationRule(value = "!has(self.failoverRegions) || self.failoverRegions.all(r, r != self.region)", fieldPath = ".failoverRegions",
        message = "spec.failoverRegions must not contain spec.region: remove the local region, it is always tried first")
@ValidationRule(value = "!has(self.failoverRegions) || self.failoverRegions.size() < 2 || self.failoverRegions[0] != self.failoverRegions[1]",
        fieldPath = ".failoverRegions", message = "spec.failoverRegions must not repeat a region: list each region once")
public class AuthDeploymentSpec {

    @JsonPropertyDescription("Name of the AuthBlueprint in the same namespace. Immutable.")
    @Required
    @Size(min = 1)
    @ValidationRule(value = "self == oldSelf", message = "spec.blueprint is immutable: create a new AuthDeployment to use another blueprint")
    private String blueprint;

    @JsonPropertyDescription("Primary, Backup, Edge or Dedicated. Immutable.")
    @Required
    @ValidationRule(value = "self == oldSelf", message = "spec.variant is immutable: create a new AuthDeployment for another variant")
    private Variant variant;

    @JsonPropertyDescription("AWS region of this deployment, e.g. us-east-1.")
    @Required
    @Pattern(ApiGroup.REGION_PATTERN)
    private String region;

    @JsonPropertyDescription("Backup only: the name of the primary AuthDeployment it stands in for.")
    private String backupOf;

    @JsonPropertyDescription("Edge only: the storage failover chain after the local region, in order; at most two regions, distinct, not the local one.")
    @Size(max = 2)
    @ValidationRule(value = "self.all(r, r.matches('" + ApiGroup.REGION_PATTERN + "'))",
            message = "spec.failoverRegions must be AWS region names such as us-west-2")
    private List<String> failoverRegions;

    @JsonPropertyDescription("Dedicated only: the tenant id of the customer it serves. A Dedicated deployment answers that tenant's requests only; every other tenant gets 404.")
    private String customer;

    @JsonPropertyDescription("The customer bucket this deployment belongs to in rollouts.")
    @Default("0")
    @Min(0)
    private Integer rolloutBucket = 0;

    @JsonPropertyDescription("The Route 53 record and health check of this deployment.")
    private DnsSpec dns;

    @JsonPropertyDescription("The declared differences from the blueprint; nothing else may differ.")
    private Overrides overrides;

    @JsonPropertyDescription("Route traffic away from this deployment (a planned failover for an incident or a game day): its Route 53 health check is inverted, so Route 53 answers with the other record of the name; nothing is deleted. Refused while the other record's health check is unhealthy. Clear it to route traffic back.")
    @Default("false")
    private Boolean evacuate = false;

    public Boolean getEvacuate() {
        return evacuate;
    }

    public void setEvacuate(Boolean evacuate) {
        this.evacuate = evacuate;
    }

    public String getBlueprint() {
        return blueprint;
    }

    public void setBlueprint(String blueprint) {
        this.blueprint = blueprint;
    }

    public Variant getVariant() {
        return variant;
    }

    public void setVariant(Variant variant) {
        this.variant = variant;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getBackupOf() {
        return backupOf;
    }

    public void setBackupOf(String backupOf) {
        this.backupOf = backupOf;
    }

    public List<String> getFailoverRegions() {
        return failoverRegions;
    }

    public void setFailoverRegions(List<String> failoverRegions) {
        this.failoverRegions = failoverRegions;
    }

    public String getCustomer() {
        return customer;
    }

    public void setCustomer(String customer) {
        this.customer = customer;
    }

    public Integer getRolloutBucket() {
        return rolloutBucket;
    }

    public void setRolloutBucket(Integer rolloutBucket) {
        this.rolloutBucket = rolloutBucket;
    }

    public DnsSpec getDns() {
        return dns;
    }

    public void setDns(DnsSpec dns) {
        this.dns = dns;
    }

    public Overrides getOverrides() {
        return overrides;
    }

    public void setOverrides(Overrides overrides) {
        this.overrides = overrides;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AuthDeploymentSpec other)) {
            return false;
        }
        return Objects.equals(blueprint, other.blueprint) && Objects.equals(variant, other.variant) && Objects.equals(region, other.region) && Objects.equals(backupOf, other.backupOf) && Objects.equals(failoverRegions, other.failoverRegions) && Objects.equals(customer, other.customer) && Objects.equals(rolloutBucket, other.rolloutBucket) && Objects.equals(dns, other.dns) && Objects.equals(overrides, other.overrides) && Objects.equals(evacuate, other.evacuate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(blueprint, variant, region, backupOf, failoverRegions, customer, rolloutBucket, dns, overrides, evacuate);
    }
}
