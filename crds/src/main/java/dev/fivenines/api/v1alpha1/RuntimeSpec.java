package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Objects;

/** The auth runtime image and size. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RuntimeSpec {

    @JsonPropertyDescription("Container image of the auth runtime, without tag, e.g. ghcr.io/acme/fivenines-auth.")
    @Required
    @Size(min = 1)
    private String image;

    @JsonPropertyDescription("Runtime version; the image tag. Semantic version such as 1.4.2 or v1.4.2-rc.1.")
    @Required
    @Pattern("^v?[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?$")
    private String version;

    @JsonPropertyDescription("Pods per deployment unless a deployment overrides it.")
    @Default("2")
    @Min(1)
    private Integer replicas = 2;

    @JsonPropertyDescription("CPU and memory of each pod unless a deployment overrides them.")
    private ResourceRequirements resources;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

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

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RuntimeSpec other)) {
            return false;
        }
        return Objects.equals(image, other.image) && Objects.equals(version, other.version) && Objects.equals(replicas, other.replicas) && Objects.equals(resources, other.resources);
    }

    @Override
    public int hashCode() {
        return Objects.hash(image, version, replicas, resources);
    }
}
