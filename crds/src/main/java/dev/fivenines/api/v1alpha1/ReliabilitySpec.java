package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Objects;

/** The reliability model. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReliabilitySpec {

    @JsonPropertyDescription("Target availability in percent, e.g. \"99.999\".")
    @Default("99.999")
    @Size(max = 16)
    @Pattern(ApiGroup.PERCENT_PATTERN)
    @ValidationRule(value = ApiGroup.PERCENT_RANGE_RULE,
            message = "spec.reliability.targetAvailability must be a percentage above 0 and at most 100, such as \"99.999\"")
    private String targetAvailability = "99.999";

    @JsonPropertyDescription("Availability of the retry handler in percent, e.g. \"99.9995\".")
    @Default("99.9995")
    @Size(max = 16)
    @Pattern(ApiGroup.PERCENT_PATTERN)
    @ValidationRule(value = ApiGroup.PERCENT_RANGE_RULE,
            message = "spec.reliability.retryHandlerAvailability must be a percentage above 0 and at most 100, such as \"99.9995\"")
    private String retryHandlerAvailability = "99.9995";

    @JsonPropertyDescription("The dependencies of a request and their availability (at most 32).")
    @Size(max = 32)
    private List<DependencySpec> dependencies;

    public String getTargetAvailability() {
        return targetAvailability;
    }

    public void setTargetAvailability(String targetAvailability) {
        this.targetAvailability = targetAvailability;
    }

    public String getRetryHandlerAvailability() {
        return retryHandlerAvailability;
    }

    public void setRetryHandlerAvailability(String retryHandlerAvailability) {
        this.retryHandlerAvailability = retryHandlerAvailability;
    }

    public List<DependencySpec> getDependencies() {
        return dependencies;
    }

    public void setDependencies(List<DependencySpec> dependencies) {
        this.dependencies = dependencies;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ReliabilitySpec other)) {
            return false;
        }
        return Objects.equals(targetAvailability, other.targetAvailability) && Objects.equals(retryHandlerAvailability, other.retryHandlerAvailability) && Objects.equals(dependencies, other.dependencies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(targetAvailability, retryHandlerAvailability, dependencies);
    }
}
