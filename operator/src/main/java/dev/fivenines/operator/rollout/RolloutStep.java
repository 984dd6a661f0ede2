package dev.fivenines.operator.rollout;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.fivenines.api.v1alpha1.RolloutBucketStatus;
import dev.fivenines.api.v1alpha1.RolloutStatus;

/**
 * The outcome of one step: the status to write, the events to emit, and when to call again (empty: nothing is
 * waiting on time, only on a change the caller watches).
 */
public record RolloutStep(RolloutStatus status, List<RolloutEvent> events, Optional<Duration> requeueAfter) {

    public RolloutStep {
        events = List.copyOf(events);
    }

    /** The revision the deployments of a bucket are to run. */
    public Optional<String> revisionOf(int bucket) {
        return status.getBuckets().stream().filter(b -> b.getBucket() == bucket).map(RolloutBucketStatus::getRevision).findFirst();
    }
}
