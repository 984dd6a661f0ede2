package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** The deep health check. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HealthCheckSpec {

    @JsonPropertyDescription("HTTP path of the runtime's deep health check.")
    @Default("/q/health/deep")
    @Pattern("^/.*$")
    private String path = "/q/health/deep";

    @JsonPropertyDescription("Seconds between Route 53 checks: 10 or 30.")
    @Default("30")
    @ValidationRule(value = "self == 10 || self == 30", message = "spec.healthCheck.intervalSeconds must be 10 or 30 (the intervals Route 53 offers)")
    private Integer intervalSeconds = 30;

    @JsonPropertyDescription("Consecutive failures before a region is unhealthy (1 to 10).")
    @Default("3")
    @Min(1)
    @Max(10)
    private Integer failureThreshold = 3;

    // no API-server default for these two: a default would be written into every existing blueprint and change its
    // revision, restarting every pod for nothing; absent means HTTPS on 443
    @JsonPropertyDescription("How Route 53 calls the endpoint: HTTPS (with SNI when the target is a name) or HTTP; HTTPS when absent.")
    private HealthCheckScheme protocol;

    @JsonPropertyDescription("The port Route 53 calls on each deployment's dns.target; 443 when absent.")
    @Min(1)
    @Max(65535)
    private Integer port;

    public HealthCheckScheme getProtocol() {
        return protocol;
    }

    public void setProtocol(HealthCheckScheme protocol) {
        this.protocol = protocol;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Integer getIntervalSeconds() {
        return intervalSeconds;
    }

    public void setIntervalSeconds(Integer intervalSeconds) {
        this.intervalSeconds = intervalSeconds;
    }

    public Integer getFailureThreshold() {
        return failureThreshold;
    }

    public void setFailureThreshold(Integer failureThreshold) {
        this.failureThreshold = failureThreshold;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HealthCheckSpec other)) {
            return false;
        }
        return Objects.equals(path, other.path) && Objects.equals(intervalSeconds, other.intervalSeconds) && Objects.equals(failureThreshold, other.failureThreshold)
                && protocol == other.protocol && Objects.equals(port, other.port);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, intervalSeconds, failureThreshold, protocol, port);
    }
}
