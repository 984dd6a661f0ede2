package dev.fivenines.operator.rollout;

import java.math.BigDecimal;

import dev.fivenines.api.v1alpha1.RolloutBucketStatus;
import dev.fivenines.api.v1alpha1.RolloutStatus;

/** Small things said and done about one bucket's status. */
final class Buckets {

    private Buckets() {
    }

    /** How messages name a bucket: {@code bucket 0 (dedicated-acme, edge-eu)}. */
    static String subject(RolloutBucketStatus bucket) {
        return "bucket " + bucket.getBucket() + " (" + String.join(", ", bucket.getDeployments()) + ")";
    }

    /** {@code 2 of 4}: its place in ascending bucket order. */
    static String place(RolloutStatus status, RolloutBucketStatus bucket) {
        return (status.getBuckets().indexOf(bucket) + 1) + " of " + status.getBuckets().size();
    }

    /** Forgets what the gate read: the bucket is (re)starting. */
    static void clearGate(RolloutBucketStatus bucket) {
        bucket.setRatio(null);
        bucket.setAllowed(null);
        bucket.setOutcomes(null);
        bucket.setVerdict(null);
        bucket.setLastWindowAt(null);
        bucket.setFailedWindows(0);
    }

    static String format(BigDecimal ratio) {
        return ratio == null ? null : Ratios.format(ratio);
    }
}
