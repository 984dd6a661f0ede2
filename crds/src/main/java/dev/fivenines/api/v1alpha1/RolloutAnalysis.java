package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** How the authorization ratio of a bucket is read: over which window, how often, on how many outcomes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.intervalSeconds <= self.windowSeconds", fieldPath = ".intervalSeconds",
        message = "spec.rollout.analysis.intervalSeconds must not exceed spec.rollout.analysis.windowSeconds: every window is read at least once")
public class RolloutAnalysis {

    @JsonPropertyDescription("Length in seconds of the window the bucket's ratio is read over.")
    @Default("60")
    @Min(10)
    private Integer windowSeconds = 60;

    @JsonPropertyDescription("Seconds between two readings of the window; at most windowSeconds.")
    @Default("10")
    @Min(1)
    private Integer intervalSeconds = 10;

    @JsonPropertyDescription("Decisions and logins a window needs to be judged; a window with fewer is inconclusive, never a pass.")
    @Default("100")
    @Min(1)
    private Integer minOutcomes = 100;

    @JsonPropertyDescription("Read the gate's outcomes from this Prometheus server instead of the runtime pods (the default when absent).")
    private RolloutPrometheus prometheus;

    public Integer getWindowSeconds() {
        return windowSeconds;
    }

    public void setWindowSeconds(Integer windowSeconds) {
        this.windowSeconds = windowSeconds;
    }

    public Integer getIntervalSeconds() {
        return intervalSeconds;
    }

    public void setIntervalSeconds(Integer intervalSeconds) {
        this.intervalSeconds = intervalSeconds;
    }

    public Integer getMinOutcomes() {
        return minOutcomes;
    }

    public void setMinOutcomes(Integer minOutcomes) {
        this.minOutcomes = minOutcomes;
    }

    public RolloutPrometheus getPrometheus() {
        return prometheus;
    }

    public void setPrometheus(RolloutPrometheus prometheus) {
        this.prometheus = prometheus;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RolloutAnalysis other)) {
            return false;
        }
        return Objects.equals(windowSeconds, other.windowSeconds) && Objects.equals(intervalSeconds, other.intervalSeconds)
                && Objects.equals(minOutcomes, other.minOutcomes) && Objects.equals(prometheus, other.prometheus);
    }

    @Override
    public int hashCode() {
        return Objects.hash(windowSeconds, intervalSeconds, minOutcomes, prometheus);
    }
}
