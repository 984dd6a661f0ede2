package dev.fivenines.api.v1alpha1;

/** Where an AuthDeployment stands, in one word. */
public enum Phase {
    /** Waiting for something it needs, such as its blueprint. */
    Pending,
    /** Being rolled out. */
    Progressing,
    /** Serving the blueprint's current revision. */
    Ready,
    /** Rolled out, but not every declared replica is available. */
    Degraded,
    /** Its region is reconciled by another cluster's operator. */
    NotLocal
}
