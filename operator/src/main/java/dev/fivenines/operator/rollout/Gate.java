package dev.fivenines.operator.rollout;

import java.math.BigDecimal;

import dev.fivenines.api.v1alpha1.Verdict;

/**
 * The verdict on a bucket from the outcomes of its pods on the new revision over the last window. The allowed
 * ratio is the baseline minus the allowance (never below 0), or the floor, rounded up to 4 decimals; the
 * bucket passes when successes / outcomes is at or above it. A window or a measured baseline with fewer than
 * {@code minOutcomes} outcomes is inconclusive, never a pass.
 */
public final class Gate {

    private Gate() {
    }

    /** The gate's data could not be read: inconclusive, with the reason, never a pass. */
    public static GateResult unreadable(String subject, String failure) {
        return new GateResult(Verdict.Inconclusive, null, null, 0, subject + ": no gate data: " + failure);
    }

    /**
     * @param subject how the reason names the bucket, e.g. {@code bucket 0 (dedicated-acme, edge-eu)}
     */
    public static GateResult evaluate(String subject, OutcomeCounts window, Baseline baseline, RolloutSettings settings) {
        long outcomes = window.total();
        long successes = window.successes();
        BigDecimal ratio = outcomes == 0 ? null : Ratios.observed(successes, outcomes);
        String over = " over " + settings.window().toSeconds() + " s";

        if (baseline.ratio() == null && baseline.floor()) {
            return new GateResult(Verdict.Inconclusive, ratio, null, outcomes,
                    subject + ": baseline Floor without spec.rollout.gate.floor: set the floor");
        }
        if (!baseline.floor() && (baseline.ratio() == null || baseline.outcomes() < settings.minOutcomes())) {
            return new GateResult(Verdict.Inconclusive, ratio, null, outcomes, subject + ": the baseline needs " + settings.minOutcomes()
                    + " outcomes on the previous revision over " + settings.baselineWindow().toSeconds() + " s, saw " + baseline.outcomes()
                    + "; set spec.rollout.gate.baseline to Floor with a floor to judge this bucket");
        }
        BigDecimal allowed = baseline.floor() ? Ratios.up(baseline.ratio()) : Ratios.allowed(baseline.ratio(), settings.allowance());
        if (outcomes < settings.minOutcomes()) {
            return new GateResult(Verdict.Inconclusive, ratio, allowed, outcomes,
                    subject + ": needs " + settings.minOutcomes() + " outcomes" + over + ", saw " + outcomes);
        }
        boolean pass = Ratios.atLeast(successes, outcomes, allowed);
        String basis = baseline.floor() ? "floor " + Ratios.format(baseline.ratio())
                : "baseline " + Ratios.format(baseline.ratio()) + " − " + Ratios.format(settings.allowance());
        return new GateResult(pass ? Verdict.Pass : Verdict.Fail, ratio, allowed, outcomes, subject + ": ratio " + Ratios.format(ratio)
                + over + " (" + outcomes + " outcomes) is " + (pass ? "at or above" : "below") + " the allowed " + Ratios.format(allowed)
                + " (" + basis + ")");
    }
}
