package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** What every deployment of a blueprint shares. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AuthBlueprintSpec {

    @JsonPropertyDescription("The auth runtime every deployment runs.")
    @Required
    private RuntimeSpec runtime;

    @JsonPropertyDescription("How tokens are issued and signed.")
    @Required
    private TokensSpec tokens;

    @JsonPropertyDescription("The DynamoDB global tables behind the service.")
    @Required
    private StorageSpec storage;

    @JsonPropertyDescription("Per-client rate limits.")
    @Default("{}")
    private LimitsSpec limits = new LimitsSpec();

    @JsonPropertyDescription("The deep health check Route 53 calls.")
    @Default("{}")
    private HealthCheckSpec healthCheck = new HealthCheckSpec();

    @JsonPropertyDescription("The availability target and the critical path it rests on.")
    @Default("{}")
    private ReliabilitySpec reliability = new ReliabilitySpec();

    @JsonPropertyDescription("How a new revision reaches the deployments: bucket by bucket, gated on the authorization ratio.")
    @Default("{}")
    private RolloutSpec rollout = new RolloutSpec();

    @JsonPropertyDescription("Where the scheduled consistency validation runs: a CronJob per region's tables (the default), or in "
            + "every runtime replica.")
    private ConsistencySpec consistency;

    @JsonPropertyDescription("How the deployments are reached: a ClusterIP Service (the default), or a Network Load Balancer per "
            + "deployment through the AWS Load Balancer Controller, which the failover records then point at.")
    private ExposureSpec exposure;

    public ExposureSpec getExposure() {
        return exposure;
    }

    public void setExposure(ExposureSpec exposure) {
        this.exposure = exposure;
    }

    public RuntimeSpec getRuntime() {
        return runtime;
    }

    public void setRuntime(RuntimeSpec runtime) {
        this.runtime = runtime;
    }

    public TokensSpec getTokens() {
        return tokens;
    }

    public void setTokens(TokensSpec tokens) {
        this.tokens = tokens;
    }

    public StorageSpec getStorage() {
        return storage;
    }

    public void setStorage(StorageSpec storage) {
        this.storage = storage;
    }

    public LimitsSpec getLimits() {
        return limits;
    }

    public void setLimits(LimitsSpec limits) {
        this.limits = limits;
    }

    public HealthCheckSpec getHealthCheck() {
        return healthCheck;
    }

    public void setHealthCheck(HealthCheckSpec healthCheck) {
        this.healthCheck = healthCheck;
    }

    public ReliabilitySpec getReliability() {
        return reliability;
    }

    public void setReliability(ReliabilitySpec reliability) {
        this.reliability = reliability;
    }

    public RolloutSpec getRollout() {
        return rollout;
    }

    public void setRollout(RolloutSpec rollout) {
        this.rollout = rollout;
    }

    public ConsistencySpec getConsistency() {
        return consistency;
    }

    public void setConsistency(ConsistencySpec consistency) {
        this.consistency = consistency;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AuthBlueprintSpec other)) {
            return false;
        }
        return Objects.equals(runtime, other.runtime) && Objects.equals(tokens, other.tokens) && Objects.equals(storage, other.storage) && Objects.equals(limits, other.limits) && Objects.equals(healthCheck, other.healthCheck) && Objects.equals(reliability, other.reliability)
                && Objects.equals(rollout, other.rollout) && Objects.equals(consistency, other.consistency)
                && Objects.equals(exposure, other.exposure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(runtime, tokens, storage, limits, healthCheck, reliability, rollout, consistency, exposure);
    }
}
