package dev.fivenines.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * OpenTelemetry traces of the runtime: each request's server span and a span per DynamoDB call (each storage region
 * tried its own), exported over OTLP. No API-server defaults (a default would change the revision of every blueprint).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TracingSpec {

    public static final String SAMPLING_RATIO = "0.01";

    @JsonPropertyDescription("The OTLP collector's traces endpoint, e.g. http://otel-collector.observability:4317 (gRPC) or "
            + "http://otel-collector.observability:4318/v1/traces (with protocol http/protobuf).")
    @Required
    @Pattern("^https?://[^\\s/]+(/\\S*)?$")
    private String endpoint;

    @JsonPropertyDescription("grpc (when absent) or http/protobuf.")
    @Pattern("^(grpc|http/protobuf)$")
    private String protocol;

    @JsonPropertyDescription("The share of requests traced, from 0 to 1, as a decimal string; '0.01' when absent. A request that "
            + "arrives with a sampled trace context is traced whatever the ratio (parent-based sampling).")
    @Pattern("^(0(\\.[0-9]{1,6})?|1(\\.0{1,6})?)$")
    private String samplingRatio;

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    public String getSamplingRatio() {
        return samplingRatio;
    }

    public void setSamplingRatio(String samplingRatio) {
        this.samplingRatio = samplingRatio;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TracingSpec other && Objects.equals(endpoint, other.endpoint) && Objects.equals(protocol, other.protocol)
                && Objects.equals(samplingRatio, other.samplingRatio);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, protocol, samplingRatio);
    }
}
