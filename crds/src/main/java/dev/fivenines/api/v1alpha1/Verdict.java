package dev.fivenines.api.v1alpha1;

/** What one reading of a bucket's gate found. */
public enum Verdict {
    /** The ratio is at or above the allowed ratio, over enough outcomes. */
    Pass,
    /** The ratio is below the allowed ratio, over enough outcomes. */
    Fail,
    /** Too few outcomes (in the window or in the baseline) to judge: never a pass. */
    Inconclusive
}
