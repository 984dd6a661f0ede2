package dev.fivenines.operator.rollout;

import java.time.Instant;
import java.util.Optional;

import dev.fivenines.api.v1alpha1.RolloutStatus;

/**
 * The rollout of a blueprint revision by customer bucket, as a pure function of the previous status, what was
 * observed and the time. Everything it needs to go on is in the status it returns, so an operator restart loses
 * only the in-memory samples of {@link OutcomeSamples}.
 *
 * <ul>
 * <li>No previous rollout: every bucket gets the revision at once; Completed, and it is the stable revision.</li>
 * <li>A new revision: a fresh rollout from the lowest bucket, which gets it (its previous revision is what it
 * ran, and its baseline the outcomes it had on it); the others keep theirs until their turn.</li>
 * <li>A started bucket is Progressing until all its deployments are Ready at the revision, then Baking. Its gate
 * is read every analysis interval from the start: Fail counts a failing window, Pass resets the count,
 * Inconclusive leaves it. {@code failedWindowsToHalt} failing windows halt the rollout and, with
 * {@code autoRollback}, send the bucket back to its previous revision.</li>
 * <li>A Baking bucket passes when the bake time since it was Ready is over and the last reading passed; the next
 * bucket starts, or, after the last, the rollout is Completed and the revision becomes the stable one.</li>
 * <li>A bucket that waits longer than {@code progressDeadlineSeconds} to be Ready, or once Ready for a conclusive
 * reading, halts the rollout like a failing gate ({@link ProgressDeadline}); not counted while paused.</li>
 * <li>Paused: no bucket starts. skipBuckets: every bucket gets the revision at once, without the gate.</li>
 * <li>Halted stays until a new revision, or a retry. An abort halts and rolls back every bucket on the revision.</li>
 * </ul>
 */
public final class RolloutMachine {

    private RolloutMachine() {
    }

    /**
     * @param previous the blueprint's {@code status.rollout}; null when it has none yet
     */
    public static RolloutStep step(RolloutStatus previous, RolloutInput input, Instant now) {
        return new RolloutRun(previous, input, now).run();
    }

    /**
     * When the gate of the bucket in progress is next to be read ({@code now} when it is due); empty when no bucket
     * is being gated. A reading given before then is not taken.
     */
    public static Optional<Instant> nextEvaluationAt(RolloutStatus status, RolloutSettings settings, Instant now) {
        return status == null ? Optional.empty() : Progress.gated(status).map(b -> Progress.nextReading(b, settings, now));
    }
}
