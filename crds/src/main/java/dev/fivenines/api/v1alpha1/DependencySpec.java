package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** A dependency of the request path. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DependencySpec {

    @JsonPropertyDescription("Name of the dependency.")
    @Required
    @Size(min = 1, max = 63)
    private String name;

    @JsonPropertyDescription("Availability in percent, e.g. \"99.95\".")
    @Required
    @Size(max = 16)
    @Pattern(ApiGroup.PERCENT_PATTERN)
    @ValidationRule(value = ApiGroup.PERCENT_RANGE_RULE,
            message = "spec.reliability.dependencies[].availability must be a percentage above 0 and at most 100, such as \"99.99\"")
    private String availability;

    @JsonPropertyDescription("Whether every request depends on it.")
    @Default("true")
    private Boolean criticalPath = true;

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

    public Boolean getCriticalPath() {
        return criticalPath;
    }

    public void setCriticalPath(Boolean criticalPath) {
        this.criticalPath = criticalPath;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DependencySpec other)) {
            return false;
        }
        return Objects.equals(name, other.name) && Objects.equals(availability, other.availability) && Objects.equals(criticalPath, other.criticalPath);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, availability, criticalPath);
    }
}
