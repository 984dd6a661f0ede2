package dev.fivenines.operator.rollout;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The gate's arithmetic on 4 decimals, exact: an observed ratio is truncated, a baseline rounded half-up and the
 * allowed ratio rounded up, so an observed ratio shown below the allowed one is always a failing one.
 */
final class Ratios {

    static final int SCALE = 4;

    private Ratios() {
    }

    static BigDecimal observed(long successes, long total) {
        return BigDecimal.valueOf(successes).divide(BigDecimal.valueOf(total), SCALE, RoundingMode.DOWN);
    }

    static BigDecimal rounded(long successes, long total) {
        return BigDecimal.valueOf(successes).divide(BigDecimal.valueOf(total), SCALE, RoundingMode.HALF_UP);
    }

    /** max(0, baseline − allowance), rounded up to 4 decimals. */
    static BigDecimal allowed(BigDecimal baseline, BigDecimal allowance) {
        return up(baseline.subtract(allowance).max(BigDecimal.ZERO));
    }

    static BigDecimal up(BigDecimal ratio) {
        return ratio.setScale(SCALE, RoundingMode.CEILING);
    }

    /** Whether successes / total ≥ allowed, computed without division. */
    static boolean atLeast(long successes, long total, BigDecimal allowed) {
        return BigDecimal.valueOf(successes).compareTo(allowed.multiply(BigDecimal.valueOf(total))) >= 0;
    }

    /** 4 decimals, or more when the number has them (an allowance of 0.00125). */
    static String format(BigDecimal number) {
        BigDecimal plain = number.stripTrailingZeros();
        return plain.setScale(Math.max(SCALE, plain.scale())).toPlainString();
    }
}
