package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** When a bucket's authorization ratio (successes over all decisions and logins) is good enough. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.baseline != 'Floor' || has(self.floor)", fieldPath = ".floor",
        message = "spec.rollout.gate.floor is required for baseline Floor: set it to the lowest authorization ratio to accept, e.g. 0.99")
@ValidationRule(value = "self.baseline == 'Floor' || !has(self.floor)", fieldPath = ".floor",
        message = "spec.rollout.gate.floor is only for baseline Floor: remove it, or set spec.rollout.gate.baseline to Floor")
public class RolloutGate {

    @JsonPropertyDescription("How far (0 to 1) the bucket's ratio may fall below its baseline, e.g. 0.01 for one point in a hundred.")
    @Default("0.01")
    @Min(0)
    @Max(1)
    private Double allowance = 0.01;

    @JsonPropertyDescription("PreviousRevision: the same deployments' ratio on the revision they ran before; Floor: spec.rollout.gate.floor.")
    @Default("PreviousRevision")
    private RolloutBaseline baseline = RolloutBaseline.PreviousRevision;

    @JsonPropertyDescription("Seconds of the previous revision the baseline is measured over, ending when the bucket starts.")
    @Default("600")
    @Min(60)
    private Integer baselineSeconds = 600;

    @JsonPropertyDescription("Baseline Floor only (required there): the lowest ratio, 0 to 1, the gate accepts; the allowance does not apply.")
    @Min(0)
    @Max(1)
    private Double floor;

    public Double getAllowance() {
        return allowance;
    }

    public void setAllowance(Double allowance) {
        this.allowance = allowance;
    }

    public RolloutBaseline getBaseline() {
        return baseline;
    }

    public void setBaseline(RolloutBaseline baseline) {
        this.baseline = baseline;
    }

    public Integer getBaselineSeconds() {
        return baselineSeconds;
    }

    public void setBaselineSeconds(Integer baselineSeconds) {
        this.baselineSeconds = baselineSeconds;
    }

    public Double getFloor() {
        return floor;
    }

    public void setFloor(Double floor) {
        this.floor = floor;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RolloutGate other)) {
            return false;
        }
        return Objects.equals(allowance, other.allowance) && Objects.equals(baseline, other.baseline)
                && Objects.equals(baselineSeconds, other.baselineSeconds) && Objects.equals(floor, other.floor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(allowance, baseline, baselineSeconds, floor);
    }
}
