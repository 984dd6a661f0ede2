package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/** Where the rollout of the blueprint's current revision stands, bucket by bucket. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutStatus {

    @JsonPropertyDescription("Progressing, Paused, Halted or Completed.")
    private RolloutPhase phase;

    @JsonPropertyDescription("The blueprint revision being rolled out.")
    private String revision;

    @JsonPropertyDescription("The last revision that completed every bucket.")
    private String stableRevision;

    @JsonPropertyDescription("The bucket in progress over all buckets, 1-based in ascending bucket order, e.g. 2/4.")
    private String bucket;

    @JsonPropertyDescription("What the rollout is doing or waiting for, and what a person can do.")
    private String message;

    @JsonPropertyDescription("Whether this revision went to every bucket at once (spec.rollout.skipBuckets).")
    private Boolean skippedBuckets;

    @JsonPropertyDescription("When the rollout of this revision started (RFC 3339).")
    private String startedAt;

    @JsonPropertyDescription("This region's wave (spec.rollout.waves), e.g. 2/3; absent without waves.")
    private String wave;

    @JsonPropertyDescription("Every bucket, in ascending bucket order.")
    private List<RolloutBucketStatus> buckets;

    public RolloutPhase getPhase() {
        return phase;
    }

    public void setPhase(RolloutPhase phase) {
        this.phase = phase;
    }

    public String getRevision() {
        return revision;
    }

    public void setRevision(String revision) {
        this.revision = revision;
    }

    public String getStableRevision() {
        return stableRevision;
    }

    public void setStableRevision(String stableRevision) {
        this.stableRevision = stableRevision;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public Boolean getSkippedBuckets() {
        return skippedBuckets;
    }

    public void setSkippedBuckets(Boolean skippedBuckets) {
        this.skippedBuckets = skippedBuckets;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public String getWave() {
        return wave;
    }

    public void setWave(String wave) {
        this.wave = wave;
    }

    public List<RolloutBucketStatus> getBuckets() {
        return buckets;
    }

    public void setBuckets(List<RolloutBucketStatus> buckets) {
        this.buckets = buckets;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RolloutStatus other)) {
            return false;
        }
        return Objects.equals(phase, other.phase) && Objects.equals(revision, other.revision) && Objects.equals(stableRevision, other.stableRevision)
                && Objects.equals(bucket, other.bucket) && Objects.equals(message, other.message) && Objects.equals(skippedBuckets, other.skippedBuckets)
                && Objects.equals(startedAt, other.startedAt) && Objects.equals(wave, other.wave) && Objects.equals(buckets, other.buckets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, revision, stableRevision, bucket, message, skippedBuckets,
                startedAt, wave, buckets);
    }
}
