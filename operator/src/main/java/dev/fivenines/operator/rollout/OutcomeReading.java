package dev.fivenines.operator.rollout;

/**
 * What an {@link OutcomeSource} read: the counts, or why there are none.
 *
 * @param counts null when the read failed
 * @param failure why it failed, in words a person can act on; null when it did not
 */
public record OutcomeReading(OutcomeCounts counts, String failure) {

    public static OutcomeReading of(OutcomeCounts counts) {
        return new OutcomeReading(counts, null);
    }

    public static OutcomeReading failed(String failure) {
        return new OutcomeReading(null, failure);
    }

    /** Outcomes read; 0 when the read failed. */
    public long total() {
        return counts == null ? 0 : counts.total();
    }
}
