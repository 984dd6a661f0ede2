package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** How Route 53 sees this deployment and which deployment it answers the record name with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServingStatus {

    @JsonPropertyDescription("Active, Standby, FailedOver, Evacuated or Unknown.")
    private ServingRole role;

    @JsonPropertyDescription("The failover record's name, e.g. auth.example.com.")
    private String recordName;

    @JsonPropertyDescription("This deployment's record set identifier (its name).")
    private String setIdentifier;

    @JsonPropertyDescription("PRIMARY or SECONDARY.")
    private String failover;

    @JsonPropertyDescription("The set identifier Route 53 answers the record name with now, by its failover rules.")
    private String answeredBy;

    @JsonPropertyDescription("The Route 53 health check's id (find it in the Route 53 console).")
    private String healthCheckId;

    @JsonPropertyDescription("Whether Route 53 considers this deployment healthy (after inversion by an evacuation).")
    private Boolean healthy;

    @JsonPropertyDescription("How many of Route 53's health checkers see the endpoint healthy, e.g. 8/8.")
    private String healthyCheckers;

    @JsonPropertyDescription("The latest failing checker report, e.g. Failure: HTTP Status Code 503, Service Unavailable.")
    private String lastFailure;

    @JsonPropertyDescription("When that checker reported it (RFC 3339).")
    private String lastFailureAt;

    public ServingRole getRole() {
        return role;
    }

    public void setRole(ServingRole role) {
        this.role = role;
    }

    public String getRecordName() {
        return recordName;
    }

    public void setRecordName(String recordName) {
        this.recordName = recordName;
    }

    public String getSetIdentifier() {
        return setIdentifier;
    }

    public void setSetIdentifier(String setIdentifier) {
        this.setIdentifier = setIdentifier;
    }

    public String getFailover() {
        return failover;
    }

    public void setFailover(String failover) {
        this.failover = failover;
    }

    public String getAnsweredBy() {
        return answeredBy;
    }

    public void setAnsweredBy(String answeredBy) {
        this.answeredBy = answeredBy;
    }

    public String getHealthCheckId() {
        return healthCheckId;
    }

    public void setHealthCheckId(String healthCheckId) {
        this.healthCheckId = healthCheckId;
    }

    public Boolean getHealthy() {
        return healthy;
    }

    public void setHealthy(Boolean healthy) {
        this.healthy = healthy;
    }

    public String getHealthyCheckers() {
        return healthyCheckers;
    }

    public void setHealthyCheckers(String healthyCheckers) {
        this.healthyCheckers = healthyCheckers;
    }

    public String getLastFailure() {
        return lastFailure;
    }

    public void setLastFailure(String lastFailure) {
        this.lastFailure = lastFailure;
    }

    public String getLastFailureAt() {
        return lastFailureAt;
    }

    public void setLastFailureAt(String lastFailureAt) {
        this.lastFailureAt = lastFailureAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServingStatus other && role == other.role && Objects.equals(recordName, other.recordName)
                && Objects.equals(setIdentifier, other.setIdentifier) && Objects.equals(failover, other.failover)
                && Objects.equals(answeredBy, other.answeredBy) && Objects.equals(healthCheckId, other.healthCheckId)
                && Objects.equals(healthy, other.healthy) && Objects.equals(healthyCheckers, other.healthyCheckers)
                && Objects.equals(lastFailure, other.lastFailure) && Objects.equals(lastFailureAt, other.lastFailureAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(role, recordName, setIdentifier, failover, answeredBy, healthCheckId, healthy, healthyCheckers, lastFailure,
                lastFailureAt);
    }
}
