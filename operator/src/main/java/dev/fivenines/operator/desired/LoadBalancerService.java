package dev.fivenines.operator.desired;

import java.util.Map;
import java.util.TreeMap;

import dev.fivenines.api.v1alpha1.LoadBalancerSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/**
 * A deployment's Service as the AWS Load Balancer Controller turns it into a Network Load Balancer: IP targets (the
 * pods themselves, no node hop), the target group checking the runtime's readiness on its management port, and TLS
 * ended at the load balancer when a certificate is given. The controller writes the load balancer's host name into the
 * Service's {@code status.loadBalancer}, which is what the failover record then points at.
 */
public final class LoadBalancerService {

    /** The class the AWS Load Balancer Controller serves (no annotation needed to pick it, and the in-tree controller skips it). */
    public static final String CLASS = "service.k8s.aws/nlb";
    static final String PREFIX = "service.beta.kubernetes.io/aws-load-balancer-";

    private LoadBalancerService() {
    }

    public static Service of(ObjectMeta meta, Map<String, String> selector, LoadBalancerSpec settings, int managementPort) {
        boolean tls = settings.getCertificateArn() != null;
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(PREFIX + "nlb-target-type", "ip");
        annotations.put(PREFIX + "scheme", settings.getScheme() == null ? "internet-facing" : settings.getScheme());
        annotations.put(PREFIX + "healthcheck-protocol", "http");
        annotations.put(PREFIX + "healthcheck-port", String.valueOf(managementPort));
        annotations.put(PREFIX + "healthcheck-path", "/q/health/ready");
        if (tls) {
            annotations.put(PREFIX + "ssl-cert", settings.getCertificateArn());
            annotations.put(PREFIX + "ssl-ports", "https");
        }
        if (settings.getAnnotations() != null) {
            annotations.putAll(settings.getAnnotations());
        }
        meta.setAnnotations(annotations);
        return new ServiceBuilder().withMetadata(meta)
                .withNewSpec().withType("LoadBalancer").withLoadBalancerClass(CLASS).withSelector(selector)
                .addNewPort().withName(tls ? "https" : "http").withPort(tls ? 443 : 80).withTargetPort(new IntOrString("http"))
                .withProtocol("TCP").endPort()
                .endSpec().build();
    }
}
