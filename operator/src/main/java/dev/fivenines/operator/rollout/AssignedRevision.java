package dev.fivenines.operator.rollout;

import java.util.Objects;
import java.util.Optional;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.RolloutBucketStatus;
import dev.fivenines.api.v1alpha1.RolloutStatus;

/**
 * Which blueprint revision a deployment is to run: what the blueprint's rollout assigned to its bucket;
 * for a bucket the rollout has not listed yet, the last revision that completed every bucket; with no
 * rollout status at all (a new blueprint), the current revision.
 */
public final class AssignedRevision {

    private AssignedRevision() {
    }

    public static String of(AuthBlueprint blueprint, AuthDeployment deployment, String current) {
        return of(blueprint.getStatus() == null ? null : blueprint.getStatus().getRollout(),
                Objects.requireNonNullElse(deployment.getSpec().getRolloutBucket(), 0), current);
    }

    /** The revision of a bucket in a rollout status ({@code current} when there is none). */
    public static String of(RolloutStatus rollout, int bucket, String current) {
        if (rollout == null) {
            return current;
        }
        Optional<String> assigned = rollout.getBuckets() == null ? Optional.empty() : rollout.getBuckets().stream()
                .filter(b -> Objects.equals(b.getBucket(), bucket)).map(RolloutBucketStatus::getRevision).filter(Objects::nonNull)
                .findFirst();
        return assigned.or(() -> Optional.ofNullable(rollout.getStableRevision())).orElse(current);
    }
}
