package dev.fivenines.operator.rollout;

/** A rollout transition the caller reports as a Kubernetes Event on the blueprint. */
public record RolloutEvent(Reason reason, String message) {

    public enum Reason {
        /** A new revision's rollout began (from the lowest bucket). */
        Started("Normal"),
        /** A bucket passed its gate; the next one starts. */
        Promoted("Normal"),
        /** Every bucket runs the revision. */
        Completed("Normal"),
        /** A bucket's gate failed too often; no later bucket gets the revision. */
        Halted("Warning"),
        /** A bucket went back to its previous revision. */
        RolledBack("Warning"),
        /** spec.rollout.skipBuckets sent the revision to every bucket at once, without the gate. */
        Skipped("Warning"),
        /** spec.rollout.paused holds the next bucket. */
        Paused("Normal"),
        /** spec.rollout.paused was lifted. */
        Resumed("Normal"),
        /** The rollout was aborted by hand. */
        Aborted("Warning"),
        /** A halted rollout starts its halted bucket again, by hand. */
        Retried("Normal"),
        /** A bucket's turn came, but a region of an earlier wave has not passed it yet (spec.rollout.waves). */
        WaitingForWave("Normal");

        private final String type;

        Reason(String type) {
            this.type = type;
        }

        /** The Kubernetes Event type: Normal or Warning. */
        public String type() {
            return type;
        }
    }
}
