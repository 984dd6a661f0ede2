package dev.fivenines.operator.rollout;

import java.util.ArrayList;

import dev.fivenines.api.v1alpha1.RolloutBucketStatus;
import dev.fivenines.api.v1alpha1.RolloutStatus;

/** Deep copies, so a step never changes the status it was given. */
final class StatusCopy {

    private StatusCopy() {
    }

    static RolloutStatus of(RolloutStatus from) {
        RolloutStatus to = new RolloutStatus();
        to.setPhase(from.getPhase());
        to.setRevision(from.getRevision());
        to.setStableRevision(from.getStableRevision());
        to.setBucket(from.getBucket());
        to.setMessage(from.getMessage());
        to.setSkippedBuckets(from.getSkippedBuckets());
        to.setStartedAt(from.getStartedAt());
        to.setWave(from.getWave());
        to.setBuckets(from.getBuckets() == null ? new ArrayList<>() : new ArrayList<>(from.getBuckets().stream().map(StatusCopy::of).toList()));
        return to;
    }

    static RolloutBucketStatus of(RolloutBucketStatus from) {
        RolloutBucketStatus to = new RolloutBucketStatus();
        to.setBucket(from.getBucket());
        to.setDeployments(from.getDeployments() == null ? null : new ArrayList<>(from.getDeployments()));
        to.setRevision(from.getRevision());
        to.setPreviousRevision(from.getPreviousRevision());
        to.setPhase(from.getPhase());
        to.setReadySince(from.getReadySince());
        to.setWaitingSince(from.getWaitingSince());
        to.setRatio(from.getRatio());
        to.setBaseline(from.getBaseline());
        to.setBaselineOutcomes(from.getBaselineOutcomes());
        to.setAllowed(from.getAllowed());
        to.setOutcomes(from.getOutcomes());
        to.setVerdict(from.getVerdict());
        to.setFailedWindows(from.getFailedWindows());
        to.setLastWindowAt(from.getLastWindowAt());
        return to;
    }
}
