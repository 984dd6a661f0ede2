package dev.fivenines.api.v1alpha1;

/** Where the rollout of a blueprint revision stands. */
public enum RolloutPhase {
    /** A bucket is receiving, or baking, the revision. */
    Progressing,
    /** spec.rollout.paused: no further bucket starts. */
    Paused,
    /** A bucket's gate failed (or the rollout was aborted); no further bucket receives the revision until a new one or a retry. */
    Halted,
    /** Every bucket runs the revision. */
    Completed
}
