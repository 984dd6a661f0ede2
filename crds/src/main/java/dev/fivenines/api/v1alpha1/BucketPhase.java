package dev.fivenines.api.v1alpha1;

/** Where one customer bucket stands in a rollout. */
public enum BucketPhase {
    /** Its turn has not come; it runs the revision it ran before. */
    Pending,
    /** Its turn has come in this region, but a region of an earlier wave has not passed it at the revision yet. */
    Waiting,
    /** It has been given the revision; not every deployment is Ready at it yet. */
    Progressing,
    /** Every deployment is Ready at the revision; the gate is read while the bake time runs. */
    Baking,
    /** It ran the revision for the bake time with the gate passing (or its turn was skipped over). */
    Passed,
    /** Its gate failed; it keeps the revision (autoRollback false). */
    Halted,
    /** It was halted or aborted and went back to its previous revision. */
    RolledBack
}
