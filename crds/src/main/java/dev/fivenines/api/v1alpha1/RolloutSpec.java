package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Objects;

/**
 * How a new revision of the blueprint travels: customer bucket by customer bucket (AuthDeployment
 * spec.rolloutBucket, lowest first), each gated on the authorization ratio of its pods.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.progressDeadlineSeconds >= self.analysis.windowSeconds", fieldPath = ".progressDeadlineSeconds",
        message = "spec.rollout.progressDeadlineSeconds must be at least spec.rollout.analysis.windowSeconds: a bucket needs one whole window of outcomes before it can be judged")
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

    @JsonPropertyDescription("Seconds a started bucket may take to be Ready at the revision, and, once Ready, to give the gate enough outcomes to judge; "
            + "past it the rollout halts (and rolls the bucket back with autoRollback). Not counted while paused.")
    @Default("600")
    @Min(10)
    private Integer progressDeadlineSeconds = 600;

    @JsonPropertyDescription("While true no bucket starts; a bucket in progress keeps its revision and its gate is still read.")
    @Default("false")
    private Boolean paused = false;

    @JsonPropertyDescription("While true a new revision goes to every bucket at once, without the gate (a fix that must reach everyone); recorded in status and events.")
    @Default("false")
    private Boolean skipBuckets = false;

    @JsonPropertyDescription("Region waves, first to last: each region's operator starts a bucket only after every region of the earlier waves has passed it at the same revision, read from the auth table's global table (no cluster calls another). A region in no wave goes after the last. Empty: each region walks its buckets on its own.")
    @Size(max = 10)
    @ValidationRule(value = "self.all(w, w.regions.all(r, self.filter(x, r in x.regions).size() == 1))",
            message = "spec.rollout.waves must name each region once: a region is in one wave only")
    private List<RolloutWave> waves;

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

    public Integer getProgressDeadlineSeconds() {
        return progressDeadlineSeconds;
    }

    public void setProgressDeadlineSeconds(Integer progressDeadlineSeconds) {
        this.progressDeadlineSeconds = progressDeadlineSeconds;
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

    public List<RolloutWave> getWaves() {
        return waves;
    }

    public void setWaves(List<RolloutWave> waves) {
        this.waves = waves;
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
                && Objects.equals(progressDeadlineSeconds, other.progressDeadlineSeconds) && Objects.equals(paused, other.paused)
                && Objects.equals(skipBuckets, other.skipBuckets) && Objects.equals(waves, other.waves);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bakeSeconds, analysis, gate, failedWindowsToHalt, autoRollback, progressDeadlineSeconds, paused, skipBuckets, waves);
    }
}
