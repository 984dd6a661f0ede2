package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Declared differences from the blueprint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Overrides {

    @JsonPropertyDescription("Pods of this deployment instead of the blueprint's.")
    @Min(0)
    private Integer replicas;

    @JsonPropertyDescription("CPU and memory instead of the blueprint's.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Node selector of the pods.")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Tolerations of the pods.")
    private List<Toleration> tolerations;

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Overrides other)) {
            return false;
        }
        return Objects.equals(replicas, other.replicas) && Objects.equals(resources, other.resources) && Objects.equals(nodeSelector, other.nodeSelector) && Objects.equals(tolerations, other.tolerations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(replicas, resources, nodeSelector, tolerations);
    }
}
