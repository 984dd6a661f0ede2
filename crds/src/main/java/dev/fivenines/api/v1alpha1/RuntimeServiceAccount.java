package dev.fivenines.api.v1alpha1;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The ServiceAccount the operator creates for each AuthDeployment's pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RuntimeServiceAccount {

    @JsonPropertyDescription("Annotations of the ServiceAccount, e.g. eks.amazonaws.com/role-arn for IAM roles for service accounts "
            + "(IRSA). EKS Pod Identity needs none: its association names the namespace and the ServiceAccount, which is the "
            + "AuthDeployment's name.")
    private Map<String, String> annotations;

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuntimeServiceAccount other && Objects.equals(annotations, other.annotations);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(annotations);
    }
}
