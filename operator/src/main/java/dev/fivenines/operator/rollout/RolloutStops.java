package dev.fivenines.operator.rollout;

import java.util.ArrayList;
import java.util.List;

import dev.fivenines.api.v1alpha1.BucketPhase;
import dev.fivenines.api.v1alpha1.RolloutBucketStatus;
import dev.fivenines.api.v1alpha1.RolloutPhase;
import dev.fivenines.api.v1alpha1.RolloutStatus;
import dev.fivenines.operator.rollout.RolloutEvent.Reason;

/** How a rollout stops and starts again: a halt on the gate, an abort and a retry by hand. */
final class RolloutStops {

    private static final String NEXT_MOVE = "roll out a new revision, or retry this one";

    private final RolloutStatus next;
    private final String target;
    private final RolloutSettings settings;
    private final List<RolloutEvent> events;

    RolloutStops(RolloutStatus next, String target, RolloutSettings settings, List<RolloutEvent> events) {
        this.next = next;
        this.target = target;
        this.settings = settings;
        this.events = events;
    }

    /** The gate failed too often in this bucket: halt, and roll it back when autoRollback says so. */
    void halt(RolloutBucketStatus bucket, String reason) {
        next.setPhase(RolloutPhase.Halted);
        events.add(new RolloutEvent(Reason.Halted, "halted: " + reason));
        String previousRevision = bucket.getPreviousRevision();
        if (settings.autoRollback() && rollBack(bucket)) {
            next.setMessage("halted: " + reason + "; rolled back to revision " + previousRevision + ", later buckets keep theirs; " + NEXT_MOVE);
        } else {
            bucket.setPhase(BucketPhase.Halted);
            next.setMessage("halted: " + reason + "; the bucket keeps revision " + bucket.getRevision()
                    + (settings.autoRollback() ? " (no previous revision to go back to)" : " (spec.rollout.autoRollback is false)")
                    + ", later buckets keep theirs; " + NEXT_MOVE);
        }
    }

    /** Sends a bucket back to its previous revision, if it has one to go back to. */
    private boolean rollBack(RolloutBucketStatus bucket) {
        String back = bucket.getPreviousRevision();
        if (back == null || back.equals(bucket.getRevision())) {
            return false;
        }
        bucket.setRevision(back);
        bucket.setPhase(BucketPhase.RolledBack);
        bucket.setReadySince(null);
        events.add(new RolloutEvent(Reason.RolledBack, Buckets.subject(bucket) + " rolled back from revision " + target + " to " + back));
        return true;
    }

    /** Halts now and rolls back every bucket that runs the revision; does nothing once all are back. */
    void abort() {
        if (next.getPhase() == RolloutPhase.Completed) {
            return;
        }
        int before = events.size();
        List<String> rolledBack = new ArrayList<>();
        for (RolloutBucketStatus bucket : next.getBuckets()) {
            if (target.equals(bucket.getRevision()) && rollBack(bucket)) {
                rolledBack.add(String.valueOf(bucket.getBucket()));
            } else if (bucket.getPhase() == BucketPhase.Progressing || bucket.getPhase() == BucketPhase.Baking) {
                bucket.setPhase(BucketPhase.Halted);
            } else if (bucket.getPhase() == BucketPhase.Waiting) {
                bucket.setPhase(BucketPhase.Pending);
            }
        }
        if (next.getPhase() == RolloutPhase.Halted && rolledBack.isEmpty()) {
            return;
        }
        next.setPhase(RolloutPhase.Halted);
        next.setMessage("aborted by hand: " + (rolledBack.isEmpty() ? "no bucket had a previous revision to go back to"
                : (rolledBack.size() == 1 ? "bucket " : "buckets ") + String.join(", ", rolledBack) + " rolled back from revision " + target) + "; " + NEXT_MOVE);
        events.add(before, new RolloutEvent(Reason.Aborted, next.getMessage()));
    }

    /** Starts the lowest halted or rolled-back bucket again; later stopped ones wait their turn. Returns it, or null. */
    RolloutBucketStatus retry() {
        RolloutBucketStatus halted = next.getBuckets().stream().filter(RolloutStops::stopped).findFirst().orElse(null);
        if (halted == null) {
            return null;
        }
        for (RolloutBucketStatus bucket : next.getBuckets()) {
            if (bucket.getBucket() > halted.getBucket() && stopped(bucket)) {
                bucket.setPhase(BucketPhase.Pending);
            }
        }
        halted.setRevision(target);
        halted.setPhase(BucketPhase.Progressing);
        halted.setReadySince(null);
        Buckets.clearGate(halted);
        next.setPhase(RolloutPhase.Progressing);
        next.setMessage(Buckets.subject(halted) + ", " + Buckets.place(next, halted) + ": retrying revision " + target
                + "; waiting for its deployments to be Ready");
        events.add(new RolloutEvent(Reason.Retried, next.getMessage()));
        return halted;
    }

    private static boolean stopped(RolloutBucketStatus bucket) {
        return bucket.getPhase() == BucketPhase.Halted || bucket.getPhase() == BucketPhase.RolledBack;
    }
}
