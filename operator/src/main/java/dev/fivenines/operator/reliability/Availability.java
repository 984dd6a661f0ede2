package dev.fivenines.operator.reliability;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * An availability given as a percentage string ("99.999"), kept exact as the fraction of failures
 * (1 - a), which is what the math works on: 99.999 % is an unavailability of 1e-5.
 */
public record Availability(BigDecimal percent) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Availability {
        if (percent.signum() <= 0 || percent.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("an availability is a percentage above 0 and at most 100, not " + percent.toPlainString());
        }
    }

    public static Availability parse(String percent) {
        try {
            return new Availability(new BigDecimal(percent.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("an availability is a percentage such as \"99.999\", not \"" + percent + "\"", e);
        }
    }

    public static Availability ofUnavailability(double unavailability) {
        return new Availability(BigDecimal.ONE.subtract(BigDecimal.valueOf(unavailability)).multiply(HUNDRED)
                .round(new MathContext(12, RoundingMode.HALF_EVEN)).stripTrailingZeros());
    }

    /** 1 - a, exact. */
    public double unavailability() {
        return HUNDRED.subtract(percent).divide(HUNDRED, MathContext.DECIMAL64).doubleValue();
    }

    /** ln(a), precise for availabilities close to 1. */
    double logAvailability() {
        return Math.log1p(-unavailability());
    }

    /** The percentage rounded up to the given number of decimals: a stated minimum must never be too low. */
    public String format(int decimals) {
        return percent.setScale(decimals, RoundingMode.UP).stripTrailingZeros().toPlainString();
    }

    /** The percentage rounded down to the given number of decimals: a stated reach must never be too high. */
    public String formatDown(int decimals) {
        return percent.setScale(decimals, RoundingMode.DOWN).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return percent.stripTrailingZeros().toPlainString() + "%";
    }
}
