package dev.fivenines.api.v1alpha1;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** The Gateway API Gateway every deployment's HTTPRoute attaches to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GatewaySpec {

    @JsonPropertyDescription("The Gateway's name.")
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    private String name;

    @JsonPropertyDescription("The Gateway's namespace; each AuthDeployment's own when absent. The Gateway must allow routes from "
            + "that namespace (its listeners' allowedRoutes).")
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    private String namespace;

    @JsonPropertyDescription("The Gateway listener to attach to (parentRefs[].sectionName); all of them when absent.")
    private String sectionName;

    @JsonPropertyDescription("Host names the route answers (spec.hostnames of the HTTPRoute), e.g. the record name.")
    @Size(max = 16)
    private List<String> hostnames;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getSectionName() {
        return sectionName;
    }

    public void setSectionName(String sectionName) {
        this.sectionName = sectionName;
    }

    public List<String> getHostnames() {
        return hostnames;
    }

    public void setHostnames(List<String> hostnames) {
        this.hostnames = hostnames;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GatewaySpec other && Objects.equals(name, other.name) && Objects.equals(namespace, other.namespace)
                && Objects.equals(sectionName, other.sectionName) && Objects.equals(hostnames, other.hostnames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, namespace, sectionName, hostnames);
    }
}
