package dev.fivenines.operator.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.fivenines.api.v1alpha1.BucketPhase;
import dev.fivenines.api.v1alpha1.RolloutBaseline;
import dev.fivenines.api.v1alpha1.RolloutBucketStatus;
import dev.fivenines.api.v1alpha1.Verdict;
import dev.fivenines.operator.rollout.RolloutInput.BucketInput;
import dev.fivenines.operator.rollout.RolloutInput.DeploymentInput;

/**
 * {@code spec.rollout.progressDeadlineSeconds}: how long a bucket in progress may wait, counted from its
 * {@code waitingSince}, for its deployments to be Ready at the revision (Progressing) or, once they are, for a
 * conclusive reading of its gate (Baking, the last reading Inconclusive or none). Past it the rollout halts.
 */
final class ProgressDeadline {

    private ProgressDeadline() {
    }

    /** When the bucket's deadline falls; empty when it has no clock running. */
    static Optional<Instant> of(RolloutBucketStatus bucket, RolloutSettings settings) {
        if (bucket.getWaitingSince() == null || !waiting(bucket)) {
            return Optional.empty();
        }
        return Optional.of(Instant.parse(bucket.getWaitingSince()).plus(settings.progressDeadline()));
    }

    /** Why the bucket missed its deadline at {@code now}, naming it and what it waited for; empty while it has not. */
    static Optional<String> missed(RolloutBucketStatus bucket, BucketInput seen, RolloutSettings settings, Instant now) {
        Optional<Instant> deadline = of(bucket, settings);
        if (deadline.isEmpty() || now.isBefore(deadline.get())) {
            return Optional.empty();
        }
        String within = " within the progress deadline of " + settings.progressDeadline().toSeconds() + " s (spec.rollout.progressDeadlineSeconds)";
        if (bucket.getPhase() == BucketPhase.Progressing) {
            List<String> notReady = seen.deployments().stream().filter(d -> !d.ready() || !bucket.getRevision().equals(d.revision()))
                    .map(DeploymentInput::name).toList();
            return Optional.of(Buckets.subject(bucket) + " was not Ready at revision " + bucket.getRevision() + within + ": waited for "
                    + (notReady.isEmpty() ? "its deployments" : String.join(", ", notReady)) + " to be Ready at it");
        }
        return Optional.of(Buckets.subject(bucket) + " was Ready at revision " + bucket.getRevision() + " but its gate could not judge it"
                + within + ": waited for " + awaited(bucket, seen, settings));
    }

    private static boolean waiting(RolloutBucketStatus bucket) {
        return bucket.getPhase() == BucketPhase.Progressing
                || (bucket.getPhase() == BucketPhase.Baking && bucket.getVerdict() != Verdict.Pass && bucket.getVerdict() != Verdict.Fail);
    }

    private static String awaited(RolloutBucketStatus bucket, BucketInput seen, RolloutSettings settings) {
        if (seen.windowFailure() != null) {
            return "the gate's data, which could not be read: " + seen.windowFailure();
        }
        long baselineOutcomes = bucket.getBaselineOutcomes() == null ? 0 : bucket.getBaselineOutcomes();
        if (settings.baseline() == RolloutBaseline.PreviousRevision && baselineOutcomes < settings.minOutcomes()) {
            return "a baseline of " + settings.minOutcomes() + " outcomes on the previous revision, measured on " + baselineOutcomes
                    + "; set spec.rollout.gate.baseline to Floor with a floor to judge this bucket";
        }
        return settings.minOutcomes() + " outcomes over " + settings.window().toSeconds() + " s, the last window had "
                + (bucket.getOutcomes() == null ? 0 : bucket.getOutcomes());
    }
}
