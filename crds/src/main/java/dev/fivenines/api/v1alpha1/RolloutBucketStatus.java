package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/** One customer bucket in a rollout: what it runs and what its gate last read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutBucketStatus {

    @JsonPropertyDescription("The bucket number (AuthDeployment spec.rolloutBucket).")
    private Integer bucket;

    @JsonPropertyDescription("The AuthDeployments in this bucket.")
    private List<String> deployments;

    @JsonPropertyDescription("The blueprint revision this bucket is to run now.")
    private String revision;

    @JsonPropertyDescription("The revision it ran before this rollout reached it; where a rollback goes.")
    private String previousRevision;

    @JsonPropertyDescription("Pending, Progressing, Baking, Passed, Halted or RolledBack.")
    private BucketPhase phase;

    @JsonPropertyDescription("Since when every deployment of the bucket has been Ready at the revision (RFC 3339).")
    private String readySince;

    @JsonPropertyDescription("Since when the progress deadline counts (RFC 3339): when the bucket last started Progressing, when it became Ready, "
            + "its last conclusive reading after that, or the end of a pause.")
    private String waitingSince;

    @JsonPropertyDescription("The authorization ratio over the last window on the revision, 4 decimals.")
    private String ratio;

    @JsonPropertyDescription("The bucket's ratio on its previous revision, measured when it started, 4 decimals.")
    private String baseline;

    @JsonPropertyDescription("How many outcomes the baseline was measured on.")
    private Long baselineOutcomes;

    @JsonPropertyDescription("The lowest ratio the gate accepts, 4 decimals.")
    private String allowed;

    @JsonPropertyDescription("Decisions and logins in the last window.")
    private Long outcomes;

    @JsonPropertyDescription("The last reading of the gate: Pass, Fail or Inconclusive.")
    private Verdict verdict;

    @JsonPropertyDescription("Consecutive failing windows.")
    private Integer failedWindows;

    @JsonPropertyDescription("When the gate was last read (RFC 3339).")
    private String lastWindowAt;

    public Integer getBucket() {
        return bucket;
    }

    public void setBucket(Integer bucket) {
        this.bucket = bucket;
    }

    public List<String> getDeployments() {
        return deployments;
    }

    public void setDeployments(List<String> deployments) {
        this.deployments = deployments;
    }

    public String getRevision() {
        return revision;
    }

    public void setRevision(String revision) {
        this.revision = revision;
    }

    public String getPreviousRevision() {
        return previousRevision;
    }

    public void setPreviousRevision(String previousRevision) {
        this.previousRevision = previousRevision;
    }

    public BucketPhase getPhase() {
        return phase;
    }

    public void setPhase(BucketPhase phase) {
        this.phase = phase;
    }

    public String getReadySince() {
        return readySince;
    }

    public void setReadySince(String readySince) {
        this.readySince = readySince;
    }

    public String getWaitingSince() {
        return waitingSince;
    }

    public void setWaitingSince(String waitingSince) {
        this.waitingSince = waitingSince;
    }

    public String getRatio() {
        return ratio;
    }

    public void setRatio(String ratio) {
        this.ratio = ratio;
    }

    public String getBaseline() {
        return baseline;
    }

    public void setBaseline(String baseline) {
        this.baseline = baseline;
    }

    public Long getBaselineOutcomes() {
        return baselineOutcomes;
    }

    public void setBaselineOutcomes(Long baselineOutcomes) {
        this.baselineOutcomes = baselineOutcomes;
    }

    public String getAllowed() {
        return allowed;
    }

    public void setAllowed(String allowed) {
        this.allowed = allowed;
    }

    public Long getOutcomes() {
        return outcomes;
    }

    public void setOutcomes(Long outcomes) {
        this.outcomes = outcomes;
    }

    public Verdict getVerdict() {
        return verdict;
    }

    public void setVerdict(Verdict verdict) {
        this.verdict = verdict;
    }

    public Integer getFailedWindows() {
        return failedWindows;
    }

    public void setFailedWindows(Integer failedWindows) {
        this.failedWindows = failedWindows;
    }

    public String getLastWindowAt() {
        return lastWindowAt;
    }

    public void setLastWindowAt(String lastWindowAt) {
        this.lastWindowAt = lastWindowAt;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RolloutBucketStatus other)) {
            return false;
        }
        return Objects.equals(bucket, other.bucket) && Objects.equals(deployments, other.deployments) && Objects.equals(revision, other.revision)
                && Objects.equals(previousRevision, other.previousRevision) && Objects.equals(phase, other.phase) && Objects.equals(readySince, other.readySince)
                && Objects.equals(waitingSince, other.waitingSince)
                && Objects.equals(ratio, other.ratio) && Objects.equals(baseline, other.baseline) && Objects.equals(baselineOutcomes, other.baselineOutcomes)
                && Objects.equals(allowed, other.allowed) && Objects.equals(outcomes, other.outcomes) && Objects.equals(verdict, other.verdict)
                && Objects.equals(failedWindows, other.failedWindows) && Objects.equals(lastWindowAt, other.lastWindowAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, deployments, revision, previousRevision, phase, readySince, waitingSince,
                ratio, baseline, baselineOutcomes, allowed, outcomes, verdict,
                failedWindows, lastWindowAt);
    }
}
