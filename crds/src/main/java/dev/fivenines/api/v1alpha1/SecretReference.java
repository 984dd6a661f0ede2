package dev.fivenines.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A Secret in the namespace of the AuthDeployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretReference {

    @JsonPropertyDescription("Name of the Secret, in the namespace of each AuthDeployment of the blueprint.")
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
    private String name;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretReference other && Objects.equals(name, other.name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }
}
