package dev.fivenines.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * How every deployment of the blueprint is reached. Absent means ClusterIP, as before the field existed (no API-server
 * default on the blueprint, which would change the revision of every existing one).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.type == 'LoadBalancer' || !has(self.loadBalancer)", fieldPath = ".loadBalancer",
        message = "spec.exposure.loadBalancer applies only with spec.exposure.type LoadBalancer")
@ValidationRule(value = "(self.type == 'Gateway') == has(self.gateway)", fieldPath = ".gateway",
        message = "spec.exposure.gateway is needed with spec.exposure.type Gateway, and only then")
public class ExposureSpec {

    @JsonPropertyDescription("ClusterIP (the default): the Service is reached inside the cluster, and each deployment names its "
            + "record's target in dns.target. LoadBalancer: the Service is of type LoadBalancer for the AWS Load Balancer "
            + "Controller (a Network Load Balancer with IP targets, checked on the runtime's readiness); a deployment that "
            + "leaves dns.target out gets an alias record to the load balancer its Service reports, and its Route 53 health "
            + "check calls that load balancer. Gateway: an HTTPRoute per deployment to its ClusterIP Service, attached to the "
            + "Gateway named in gateway; a deployment that leaves dns.target out points its record at the address the "
            + "Gateway reports (status.addresses).")
    @Default("ClusterIP")
    private ExposureType type = ExposureType.ClusterIP;

    @JsonPropertyDescription("The load balancer's settings, with type LoadBalancer.")
    private LoadBalancerSpec loadBalancer;

    @JsonPropertyDescription("The Gateway the routes attach to, with type Gateway.")
    private GatewaySpec gateway;

    public GatewaySpec getGateway() {
        return gateway;
    }

    public void setGateway(GatewaySpec gateway) {
        this.gateway = gateway;
    }

    /** The Gateway the routes attach to, or null when {@code spec} asks for none. */
    public static GatewaySpec gateway(ExposureSpec spec) {
        return spec != null && spec.type == ExposureType.Gateway ? spec.gateway : null;
    }

    public ExposureType getType() {
        return type;
    }

    public void setType(ExposureType type) {
        this.type = type;
    }

    public LoadBalancerSpec getLoadBalancer() {
        return loadBalancer;
    }

    public void setLoadBalancer(LoadBalancerSpec loadBalancer) {
        this.loadBalancer = loadBalancer;
    }

    /** Whether {@code spec} (possibly absent) asks for a load balancer. */
    public static boolean loadBalanced(ExposureSpec spec) {
        return spec != null && spec.type == ExposureType.LoadBalancer;
    }

    /** The load balancer's settings, empty ones when none are given. */
    public static LoadBalancerSpec loadBalancer(ExposureSpec spec) {
        return spec == null || spec.loadBalancer == null ? new LoadBalancerSpec() : spec.loadBalancer;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExposureSpec other && type == other.type && Objects.equals(loadBalancer, other.loadBalancer)
                && Objects.equals(gateway, other.gateway);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, loadBalancer, gateway);
    }
}
