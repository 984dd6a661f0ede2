package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/** The verdict of the reliability model. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReliabilityReport {

    @JsonPropertyDescription("Whether every critical-path dependency reaches the target within the tries allowed, and the critical path as a whole does too.")
    private Boolean feasible;

    @JsonPropertyDescription("The critical path's availability in percent, rounded down: the product over its dependencies, each tried as often as the retry handler allows.")
    private String criticalPathAvailability;

    @JsonPropertyDescription("What to do about it.")
    private String message;

    @JsonPropertyDescription("Per critical-path dependency.")
    private List<DependencyReliability> dependencies;

    public Boolean getFeasible() {
        return feasible;
    }

    public void setFeasible(Boolean feasible) {
        this.feasible = feasible;
    }

    public String getCriticalPathAvailability() {
        return criticalPathAvailability;
    }

    public void setCriticalPathAvailability(String criticalPathAvailability) {
        this.criticalPathAvailability = criticalPathAvailability;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public List<DependencyReliability> getDependencies() {
        return dependencies;
    }

    public void setDependencies(List<DependencyReliability> dependencies) {
        this.dependencies = dependencies;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ReliabilityReport other)) {
            return false;
        }
        return Objects.equals(feasible, other.feasible) && Objects.equals(criticalPathAvailability, other.criticalPathAvailability)
                && Objects.equals(message, other.message) && Objects.equals(dependencies, other.dependencies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(feasible, criticalPathAvailability, message, dependencies);
    }
}
