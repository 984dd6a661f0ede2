package dev.fivenines.api.v1alpha1;

/** What a bucket's authorization ratio is compared with. */
public enum RolloutBaseline {
    /** The same deployments' ratio on the revision they ran before, measured when the bucket starts. */
    PreviousRevision,
    /** A fixed ratio, spec.rollout.gate.floor. */
    Floor
}
