package dev.fivenines.operator.rollout;

import java.util.Comparator;
import java.util.List;

/**
 * What the rollout machine is told at one step.
 *
 * @param targetRevision the blueprint's current revision
 * @param buckets the buckets present, whatever order given; kept in ascending bucket order
 * @param abort halt now and roll every bucket that runs the target back to its previous revision
 * @param retry after a halt, start the halted bucket again (the caller clears its flag once a {@code Retried}
 *        event says it was taken)
 * @param waves what the regions of earlier waves have done with the target revision ({@link EarlierWaves#NONE} without
 *        waves)
 */
public record RolloutInput(String targetRevision, RolloutSettings settings, List<BucketInput> buckets, boolean abort, boolean retry,
        EarlierWaves waves) {

    public RolloutInput {
        waves = waves == null ? EarlierWaves.NONE : waves;
        buckets = buckets.stream().sorted(Comparator.comparingInt(BucketInput::bucket)).toList();
        for (int i = 1; i < buckets.size(); i++) {
            if (buckets.get(i).bucket() == buckets.get(i - 1).bucket()) {
                throw new IllegalArgumentException("bucket " + buckets.get(i).bucket() + " is given twice");
            }
        }
    }

    public RolloutInput(String targetRevision, RolloutSettings settings, List<BucketInput> buckets) {
        this(targetRevision, settings, buckets, false, false, EarlierWaves.NONE);
    }

    /**
     * One bucket and what was observed of it.
     *
     * @param bucket the rolloutBucket number
     * @param window its outcomes over the last analysis window, counted on its pods at the revision the bucket is
     *        assigned; null while none was read
     * @param recent its outcomes over the last {@code baselineSeconds} on the revision it runs now; read as the
     *        baseline when the bucket starts (null: none measured)
     * @param windowFailure why the window could not be read (its source failed); null when it was read, or not tried
     */
    public record BucketInput(int bucket, List<DeploymentInput> deployments, OutcomeCounts window, OutcomeCounts recent,
            String windowFailure) {

        public BucketInput {
            deployments = deployments.stream().sorted(Comparator.comparing(DeploymentInput::name)).toList();
        }

        public BucketInput(int bucket, List<DeploymentInput> deployments, OutcomeCounts window, OutcomeCounts recent) {
            this(bucket, deployments, window, recent, null);
        }

        public BucketInput(int bucket, List<DeploymentInput> deployments) {
            this(bucket, deployments, null, null);
        }

        /** Every deployment is Ready and runs the revision. */
        public boolean readyAt(String revision) {
            return !deployments.isEmpty() && deployments.stream().allMatch(d -> d.ready() && revision.equals(d.revision()));
        }

        public List<String> names() {
            return deployments.stream().map(DeploymentInput::name).toList();
        }
    }

    /**
     * @param ready whether the AuthDeployment is Ready
     * @param revision the blueprint revision it runs (its status), null when not known yet
     */
    public record DeploymentInput(String name, boolean ready, String revision) {
    }
}
