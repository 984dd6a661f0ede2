package dev.fivenines.operator.rollout;

import java.math.BigDecimal;

import dev.fivenines.api.v1alpha1.Verdict;

/**
 * One reading of a bucket's gate.
 *
 * @param ratio the observed ratio (4 decimals, truncated); null without outcomes
 * @param allowed the lowest ratio the gate accepts (4 decimals); null when the baseline is unknown
 * @param outcomes decisions and logins in the window
 * @param reason what was found, in words a person can act on
 */
public record GateResult(Verdict verdict, BigDecimal ratio, BigDecimal allowed, long outcomes, String reason) {
}
