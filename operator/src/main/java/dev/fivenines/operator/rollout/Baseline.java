package dev.fivenines.operator.rollout;

import java.math.BigDecimal;

/**
 * What a bucket's ratio is compared with: the ratio its deployments had on the revision they ran before (with
 * the outcomes it was measured on), or a fixed floor.
 *
 * @param ratio rounded half-up to 4 decimals; null when nothing was measured (or no floor is set)
 */
public record Baseline(BigDecimal ratio, long outcomes, boolean floor) {

    public static Baseline measured(OutcomeCounts counts) {
        return new Baseline(counts.total() == 0 ? null : Ratios.rounded(counts.successes(), counts.total()), counts.total(), false);
    }

    /** A baseline as the bucket's status recorded it. */
    public static Baseline recorded(String ratio, Long outcomes) {
        return new Baseline(ratio == null ? null : new BigDecimal(ratio), outcomes == null ? 0 : outcomes, false);
    }

    public static Baseline floor(BigDecimal floor) {
        return new Baseline(floor, 0, true);
    }
}
