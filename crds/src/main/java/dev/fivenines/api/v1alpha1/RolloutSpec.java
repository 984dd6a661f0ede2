package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import java.util.Objects;

/**
 * How a new revision of the blueprint travels: customer bucket by customer bucket (AuthDeployment
 * spec.rolloutBucket, lowest first), each gated on the authorization ratio of its pods.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutSpec {

    @JsonPropertyDescription("Seconds a bucket runs the new revision, every deployment Ready and the gate passing, before the next bucket starts.")
    @Default("300")
    @Min(0)
    private Integer bakeSeconds = 300;

    @JsonPropertyDescription("How the authorization ratio of a bucket is read.")
    @Default("{}")
    private RolloutAnalysis analysis = new RolloutAnalysis();

    @JsonPropertyDescription("When a bucket's authorization ratio is good enough.")
    @Default("{}")
    private RolloutGate gate = new RolloutGate();

    @JsonPropertyDescription("Consecutive failing windows that halt the rollout.")
    @Default("2")
    @Min(1)
    private Integer failedWindowsToHalt = 2;

    @JsonPropertyDescription("A halted bucket goes back to the revision it ran before.")
    @Default("true")
    private Boolean autoRollback = true;

    @JsonPropertyDescription("While true no bucket starts; a bucket in progress keeps its revision and its gate is still read.")
    @Default("false")
    private Boolean paused = false;

    @JsonPropertyDescription("While true a new revision goes to every bucket at once, without the gate (a fix that must reach everyone); recorded in status and events.")
    @Default("false")
    private Boolean skipBuckets = false;

    public Integer getBakeSeconds() {
        return bakeSeconds;
    }

    public void setBakeSeconds(Integer bakeSeconds) {
        this.bakeSeconds = bakeSeconds;
    }

    public RolloutAnalysis getAnalysis() {
        return analysis;
    }

    public void setAnalysis(RolloutAnalysis analysis) {
        this.analysis = analysis;
    }

    public RolloutGate getGate() {
        return gate;
    }

    public void setGate(RolloutGate gate) {
        this.gate = gate;
    }

    public Integer getFailedWindowsToHalt() {
        return failedWindowsToHalt;
    }

    public void setFailedWindowsToHalt(Integer failedWindowsToHalt) {
        this.failedWindowsToHalt = failedWindowsToHalt;
    }

    public Boolean getAutoRollback() {
        return autoRollback;
    }

    public void setAutoRollback(Boolean autoRollback) {
        this.autoRollback = autoRollback;
    }

    public Boolean getPaused() {
        return paused;
    }

    public void setPaused(Boolean paused) {
        this.paused = paused;
    }

    public Boolean getSkipBuckets() {
        return skipBuckets;
    }

    public void setSkipBuckets(Boolean skipBuckets) {
        this.skipBuckets = skipBuckets;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RolloutSpec other)) {
            return false;
        }
        return Objects.equals(bakeSeconds, other.bakeSeconds) && Objects.equals(analysis, other.analysis) && Objects.equals(gate, other.gate)
                && Objects.equals(failedWindowsToHalt, other.failedWindowsToHalt) && Objects.equals(autoRollback, other.autoRollback)
                && Objects.equals(paused, other.paused) && Objects.equals(skipBuckets, other.skipBuckets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bakeSeconds, analysis, gate, failedWindowsToHalt, autoRollback, paused, skipBuckets);
    }
}
