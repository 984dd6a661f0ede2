package dev.fivenines.aws;

import java.time.Instant;
import java.util.Objects;

/**
 * How far one region's operator has taken one revision of a rollout, as it tells the operators of the other regions.
 *
 * @param rollout the rollout's name, the same in every region (e.g. the blueprint's namespace/name)
 * @param revision the revision being rolled out
 * @param region the region whose operator wrote this
 * @param phase that operator's rollout phase (e.g. Progressing, Halted, Completed)
 * @param nextBucket the lowest of its buckets that has not passed yet; null when every one has
 * @param message what that operator's status says, for the people reading another region's status
 * @param updatedAt when it was written
 */
public record WaveProgress(String rollout, String revision, String region, String phase, Integer nextBucket, String message,
        Instant updatedAt) {

    public WaveProgress {
        Objects.requireNonNull(rollout, "rollout");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(updatedAt, "updatedAt");
        message = message == null ? "" : message;
    }

    /** The same progress, ignoring when it was written and what the message says: what a reader acts on. */
    public boolean sameStep(WaveProgress other) {
        return other != null && rollout.equals(other.rollout) && revision.equals(other.revision) && region.equals(other.region)
                && phase.equals(other.phase) && Objects.equals(nextBucket, other.nextBucket);
    }
}
