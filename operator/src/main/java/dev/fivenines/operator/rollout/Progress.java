package dev.fivenines.operator.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.fivenines.api.v1alpha1.BucketPhase;
import dev.fivenines.api.v1alpha1.RolloutBucketStatus;
import dev.fivenines.api.v1alpha1.RolloutPhase;
import dev.fivenines.api.v1alpha1.RolloutStatus;

/** Where a rollout stands and when it next needs a look, read from its status alone. */
final class Progress {

    private Progress() {
    }

    /** The lowest bucket whose turn is not over; null when every bucket passed. */
    static RolloutBucketStatus current(RolloutStatus status) {
        return status.getBuckets().stream().filter(b -> b.getPhase() != BucketPhase.Passed).findFirst().orElse(null);
    }

    /** The bucket in progress over all buckets, 1-based: every bucket at once (or none left) is {@code total/total}. */
    static String position(RolloutStatus status) {
        int total = status.getBuckets().size();
        RolloutBucketStatus bucket = current(status);
        if (bucket == null || status.getPhase() == RolloutPhase.Completed || Boolean.TRUE.equals(status.getSkippedBuckets())) {
            return total + "/" + total;
        }
        return (status.getBuckets().indexOf(bucket) + 1) + "/" + total;
    }

    /** The bucket whose gate is being read, if any. */
    static Optional<RolloutBucketStatus> gated(RolloutStatus status) {
        if (status.getPhase() == RolloutPhase.Halted || status.getPhase() == RolloutPhase.Completed
                || Boolean.TRUE.equals(status.getSkippedBuckets())) {
            return Optional.empty();
        }
        return Optional.ofNullable(current(status))
                .filter(b -> b.getPhase() == BucketPhase.Progressing || b.getPhase() == BucketPhase.Baking);
    }

    /** When the bucket's gate is next to be read: now when it is due. */
    static Instant nextReading(RolloutBucketStatus bucket, RolloutSettings settings, Instant now) {
        if (bucket.getLastWindowAt() == null) {
            return now;
        }
        Instant next = Instant.parse(bucket.getLastWindowAt()).plus(settings.interval());
        return next.isAfter(now) ? next : now;
    }

    /**
     * The next reading, the end of the bake or the progress deadline, whichever comes first; every interval while buckets were skipped;
     * empty when only a change the caller watches can move the rollout (halted, completed, paused before a bucket).
     */
    static Optional<Duration> requeueAfter(RolloutStatus status, RolloutSettings settings, Instant now) {
        if (Boolean.TRUE.equals(status.getSkippedBuckets()) && status.getPhase() == RolloutPhase.Progressing) {
            return Optional.of(settings.interval());
        }
        return gated(status).map(bucket -> {
            Instant at = nextReading(bucket, settings, now);
            if (!at.isAfter(now)) {
                at = now.plus(settings.interval());
            }
            if (bucket.getPhase() == BucketPhase.Baking) {
                Instant baked = Instant.parse(bucket.getReadySince()).plus(settings.bake());
                if (baked.isAfter(now) && baked.isBefore(at)) {
                    at = baked;
                }
            }
            Instant deadline = settings.paused() ? null : ProgressDeadline.of(bucket, settings).orElse(null);
            if (deadline != null && deadline.isAfter(now) && deadline.isBefore(at)) {
                at = deadline;
            }
            return Duration.between(now, at);
        });
    }
}
