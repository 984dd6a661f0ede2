package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The reliability figures of one dependency. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DependencyReliability {

    @JsonPropertyDescription("The dependency.")
    private String name;

    @JsonPropertyDescription("Its declared availability in percent.")
    private String availability;

    @JsonPropertyDescription("Tries (the first included) it needs to reach the target.")
    private Integer retriesNeeded;

    @JsonPropertyDescription("Tries the retry handler allows within the target.")
    private Integer retriesAllowed;

    @JsonPropertyDescription("The availability in percent it must have to reach the target within the tries allowed.")
    private String minimumAvailability;

    @JsonPropertyDescription("Whether it reaches the target.")
    private Boolean feasible;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAvailability() {
        return availability;
    }

    public void setAvailability(String availability) {
        this.availability = availability;
    }

    public Integer getRetriesNeeded() {
        return retriesNeeded;
    }

    public void setRetriesNeeded(Integer retriesNeeded) {
        this.retriesNeeded = retriesNeeded;
    }

    public Integer getRetriesAllowed() {
        return retriesAllowed;
    }

    public void setRetriesAllowed(Integer retriesAllowed) {
        this.retriesAllowed = retriesAllowed;
    }

    public String getMinimumAvailability() {
        return minimumAvailability;
    }

    public void setMinimumAvailability(String minimumAvailability) {
        this.minimumAvailability = minimumAvailability;
    }

    public Boolean getFeasible() {
        return feasible;
    }

    public void setFeasible(Boolean feasible) {
        this.feasible = feasible;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DependencyReliability other)) {
            return false;
        }
        return Objects.equals(name, other.name) && Objects.equals(availability, other.availability) && Objects.equals(retriesNeeded, other.retriesNeeded) && Objects.equals(retriesAllowed, other.retriesAllowed) && Objects.equals(minimumAvailability, other.minimumAvailability) && Objects.equals(feasible, other.feasible);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, availability, retriesNeeded, retriesAllowed, minimumAvailability, feasible);
    }
}
