package dev.fivenines.operator.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.fivenines.api.v1alpha1.BucketPhase;
import dev.fivenines.api.v1alpha1.RolloutBucketStatus;
import dev.fivenines.api.v1alpha1.RolloutPhase;
import dev.fivenines.api.v1alpha1.RolloutStatus;

/**
 * Brings the buckets of a status in line with the buckets present: a bucket that is gone is dropped, every
 * bucket's deployments are refreshed, and a new bucket joins by where the rollout stands: one the rollout has
 * already passed runs the revision being rolled out, any other the stable revision.
 */
final class BucketMembership {

    private BucketMembership() {
    }

    static void sync(RolloutStatus status, List<RolloutInput.BucketInput> present) {
        Map<Integer, RolloutBucketStatus> known = status.getBuckets().stream()
                .collect(Collectors.toMap(RolloutBucketStatus::getBucket, Function.identity()));
        int reached = status.getBuckets().stream().filter(b -> b.getPhase() != BucketPhase.Passed).mapToInt(RolloutBucketStatus::getBucket)
                .min().orElse(Integer.MAX_VALUE);
        String stable = status.getStableRevision() != null ? status.getStableRevision() : status.getRevision();
        List<RolloutBucketStatus> next = new ArrayList<>();
        for (RolloutInput.BucketInput bucket : present) {
            RolloutBucketStatus entry = known.get(bucket.bucket());
            if (entry == null) {
                entry = new RolloutBucketStatus();
                entry.setBucket(bucket.bucket());
                entry.setPreviousRevision(stable);
                if (status.getPhase() == RolloutPhase.Completed) {
                    entry.setRevision(stable);
                    entry.setPhase(BucketPhase.Passed);
                } else if (bucket.bucket() < reached) {
                    entry.setRevision(status.getRevision());
                    entry.setPhase(BucketPhase.Passed);
                } else {
                    entry.setRevision(stable);
                    entry.setPhase(BucketPhase.Pending);
                }
            }
            entry.setDeployments(new ArrayList<>(bucket.names()));
            next.add(entry);
        }
        status.setBuckets(next);
    }
}
