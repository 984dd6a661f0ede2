package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Objects;

/** What the operator observed of a blueprint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AuthBlueprintStatus {

    @JsonPropertyDescription("The generation of the spec this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Stable hash of the spec; every managed object carries it as a label.")
    private String revision;

    @JsonPropertyDescription("Ready (its local deployments ready at the current revision), Reconciling and Stalled (kstatus), "
            + "ReliabilityFeasible.")
    private List<Condition> conditions;

    @JsonPropertyDescription("Every AuthDeployment of this blueprint at a glance.")
    private List<DeploymentSummary> deployments;

    @JsonPropertyDescription("Ready deployments over the deployments this operator reconciles (its region's, or all in "
            + "single-cluster mode), e.g. 3/4.")
    private String readyDeployments;

    @JsonPropertyDescription("How many deployments of this blueprint are in regions other operators reconcile (phase NotLocal "
            + "here); they do not count towards readyDeployments or Ready.")
    private Integer remoteDeployments;

    @JsonPropertyDescription("Each failover record name of the deployments and the deployment Route 53 answers it with: is a region failed over?")
    private List<RecordServing> records;

    @JsonPropertyDescription("The verdict of the reliability model.")
    private ReliabilityReport reliability;

    public List<RecordServing> getRecords() {
        return records;
    }

    public void setRecords(List<RecordServing> records) {
        this.records = records;
    }

    @JsonPropertyDescription("The rollout of the current revision, bucket by bucket.")
    private RolloutStatus rollout;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getRevision() {
        return revision;
    }

    public void setRevision(String revision) {
        this.revision = revision;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public List<DeploymentSummary> getDeployments() {
        return deployments;
    }

    public void setDeployments(List<DeploymentSummary> deployments) {
        this.deployments = deployments;
    }

    public String getReadyDeployments() {
        return readyDeployments;
    }

    public void setReadyDeployments(String readyDeployments) {
        this.readyDeployments = readyDeployments;
    }

    public Integer getRemoteDeployments() {
        return remoteDeployments;
    }

    public void setRemoteDeployments(Integer remoteDeployments) {
        this.remoteDeployments = remoteDeployments;
    }

    public ReliabilityReport getReliability() {
        return reliability;
    }

    public void setReliability(ReliabilityReport reliability) {
        this.reliability = reliability;
    }

    public RolloutStatus getRollout() {
        return rollout;
    }

    public void setRollout(RolloutStatus rollout) {
        this.rollout = rollout;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AuthBlueprintStatus other)) {
            return false;
        }
        return Objects.equals(observedGeneration, other.observedGeneration) && Objects.equals(revision, other.revision) && Objects.equals(conditions, other.conditions) && Objects.equals(deployments, other.deployments) && Objects.equals(readyDeployments, other.readyDeployments) && Objects.equals(remoteDeployments, other.remoteDeployments) && Objects.equals(records, other.records) && Objects.equals(reliability, other.reliability)
                && Objects.equals(rollout, other.rollout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, revision, conditions, deployments, readyDeployments, remoteDeployments, records, reliability,
                rollout);
    }
}
