package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Objects;

/** What the operator observed of a deployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AuthDeploymentStatus {

    @JsonPropertyDescription("The generation of the spec this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Pending, Progressing, Ready, Degraded or NotLocal (its region is reconciled by another cluster's "
            + "operator; Ready is then True with reason NotLocal).")
    private Phase phase;

    @JsonPropertyDescription("The blueprint revision applied.")
    private String blueprintRevision;

    @JsonPropertyDescription("The runtime version applied.")
    private String runtimeVersion;

    @JsonPropertyDescription("Ready, Reconciling and Stalled (kstatus), BlueprintFound, WorkloadReady, InSync, and the AWS ones "
            + "(TableReplicaReady, HealthCheckReady, DnsRecordReady).")
    private List<Condition> conditions;

    @JsonPropertyDescription("Hand changes found and put back.")
    private DriftStatus drift;

    @JsonPropertyDescription("The runtime's deep health as the operator sees it from inside the cluster, asked of every Ready pod each pass: UP on n of m pods, or DOWN naming a pod and the step that failed.")
    private String lastDeepHealth;

    @JsonPropertyDescription("How Route 53 sees this deployment and whom it answers the record name with (deployments that declare dns).")
    private ServingStatus serving;

    public ServingStatus getServing() {
        return serving;
    }

    public void setServing(ServingStatus serving) {
        this.serving = serving;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Phase getPhase() {
        return phase;
    }

    public void setPhase(Phase phase) {
        this.phase = phase;
    }

    public String getBlueprintRevision() {
        return blueprintRevision;
    }

    public void setBlueprintRevision(String blueprintRevision) {
        this.blueprintRevision = blueprintRevision;
    }

    public String getRuntimeVersion() {
        return runtimeVersion;
    }

    public void setRuntimeVersion(String runtimeVersion) {
        this.runtimeVersion = runtimeVersion;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public DriftStatus getDrift() {
        return drift;
    }

    public void setDrift(DriftStatus drift) {
        this.drift = drift;
    }

    public String getLastDeepHealth() {
        return lastDeepHealth;
    }

    public void setLastDeepHealth(String lastDeepHealth) {
        this.lastDeepHealth = lastDeepHealth;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AuthDeploymentStatus other)) {
            return false;
        }
        return Objects.equals(observedGeneration, other.observedGeneration) && Objects.equals(phase, other.phase) && Objects.equals(blueprintRevision, other.blueprintRevision) && Objects.equals(runtimeVersion, other.runtimeVersion) && Objects.equals(conditions, other.conditions) && Objects.equals(drift, other.drift) && Objects.equals(lastDeepHealth, other.lastDeepHealth) && Objects.equals(serving, other.serving);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, phase, blueprintRevision, runtimeVersion, conditions, drift, lastDeepHealth, serving);
    }
}
