package dev.fivenines.api.v1alpha1;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** The Network Load Balancer the AWS Load Balancer Controller makes for each deployment's Service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoadBalancerSpec {

    @JsonPropertyDescription("internet-facing (the default) or internal.")
    @Default("internet-facing")
    @Pattern("^(internet-facing|internal)$")
    private String scheme = "internet-facing";

    @JsonPropertyDescription("An ACM certificate's ARN: the load balancer ends TLS on 443 with it, and the Route 53 health check "
            + "calls HTTPS on 443. Without it the load balancer listens on 80 and the health check calls HTTP on 80.")
    @Pattern("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/.+$")
    private String certificateArn;

    @JsonPropertyDescription("More annotations for the Service, e.g. service.beta.kubernetes.io/aws-load-balancer-subnets; "
            + "one named here replaces the operator's own of that name.")
    private Map<String, String> annotations;

    @JsonPropertyDescription("The load balancer's canonical hosted zone id, for the alias record. Known for Network Load "
            + "Balancers in the commercial regions (taken from the load balancer's host name); give it for others.")
    @Pattern("^Z[A-Z0-9]{1,31}$")
    private String hostedZoneId;

    public String getScheme() {
        return scheme;
    }

    public void setScheme(String scheme) {
        this.scheme = scheme;
    }

    public String getCertificateArn() {
        return certificateArn;
    }

    public void setCertificateArn(String certificateArn) {
        this.certificateArn = certificateArn;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public String getHostedZoneId() {
        return hostedZoneId;
    }

    public void setHostedZoneId(String hostedZoneId) {
        this.hostedZoneId = hostedZoneId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoadBalancerSpec other && Objects.equals(scheme, other.scheme)
                && Objects.equals(certificateArn, other.certificateArn) && Objects.equals(annotations, other.annotations)
                && Objects.equals(hostedZoneId, other.hostedZoneId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, certificateArn, annotations, hostedZoneId);
    }
}
