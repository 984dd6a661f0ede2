package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One AuthDeployment of a blueprint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DeploymentSummary {

    @JsonPropertyDescription("Name of the AuthDeployment.")
    private String name;

    @JsonPropertyDescription("Its region.")
    private String region;

    @JsonPropertyDescription("Its variant.")
    private String variant;

    @JsonPropertyDescription("The blueprint revision it runs.")
    private String revision;

    @JsonPropertyDescription("The runtime version it runs.")
    private String version;

    @JsonPropertyDescription("Whether this cluster's operator reconciles it (its region is this operator's). Ready and inSync "
            + "are reported only for those; the others are reported by the operator of their region.")
    private Boolean local;

    @JsonPropertyDescription("Whether it is Ready (local deployments only).")
    private Boolean ready;

    @JsonPropertyDescription("Whether it runs the current revision and matches its declaration (local deployments only).")
    private Boolean inSync;

    @JsonPropertyDescription("Its serving role in Route 53 (Active, Standby, FailedOver, Evacuated, Unknown), for deployments with DNS.")
    private String role;

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getVariant() {
        return variant;
    }

    public void setVariant(String variant) {
        this.variant = variant;
    }

    public String getRevision() {
        return revision;
    }

    public void setRevision(String revision) {
        this.revision = revision;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public Boolean getLocal() {
        return local;
    }

    public void setLocal(Boolean local) {
        this.local = local;
    }

    public Boolean getReady() {
        return ready;
    }

    public void setReady(Boolean ready) {
        this.ready = ready;
    }

    public Boolean getInSync() {
        return inSync;
    }

    public void setInSync(Boolean inSync) {
        this.inSync = inSync;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeploymentSummary other)) {
            return false;
        }
        return Objects.equals(name, other.name) && Objects.equals(region, other.region) && Objects.equals(variant, other.variant) && Objects.equals(revision, other.revision) && Objects.equals(version, other.version) && Objects.equals(local, other.local) && Objects.equals(ready, other.ready) && Objects.equals(inSync, other.inSync) && Objects.equals(role, other.role);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, region, variant, revision, version, local, ready, inSync, role);
    }
}
