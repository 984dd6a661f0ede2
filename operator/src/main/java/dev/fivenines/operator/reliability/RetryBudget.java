package dev.fivenines.operator.reliability;

/**
 * The reliability argument for one dependency on the critical path.
 *
 * <p>A dependency of availability {@code a}, tried {@code n} times, succeeds with {@code 1 - (1 - a)^n}.
 * To reach the target {@code T} it needs the smallest {@code n} with {@code (1 - a)^n <= 1 - T}.
 * But each try also passes through the retry handler of availability {@code h}, so {@code n} tries only
 * keep the target while {@code h^n >= T}: the handler allows {@code floor(ln T / ln h)} tries. With that
 * many tries the dependency must have at least {@code 1 - (1 - T)^(1/allowed)}.
 *
 * <p>Counts are tries, the first one included. Target 99.999 %, handler 99.9995 %, dependency 90 %:
 * 5 tries needed, 2 allowed, so the dependency must reach about 99.7 % (99.6838 %).
 */
public record RetryBudget(String dependency, Availability availability, int triesNeeded, int triesAllowed,
        Availability minimumAvailability) {

    /** Guards the floor/ceil of ratios that are whole numbers in exact arithmetic (2.0000000001 is 2). */
    private static final double EPSILON = 1e-9;

    public static RetryBudget of(String dependency, Availability availability, Availability target, Availability retryHandler) {
        int allowed = triesAllowed(target, retryHandler);
        int needed = triesNeeded(availability, target);
        Availability minimum = allowed == 0 ? null
                : Availability.ofUnavailability(Math.pow(target.unavailability(), 1.0 / allowed));
        return new RetryBudget(dependency, availability, needed, allowed, minimum);
    }

    static int triesNeeded(Availability availability, Availability target) {
        if (availability.unavailability() <= target.unavailability()) {
            return 1;
        }
        if (target.unavailability() == 0) {
            return Integer.MAX_VALUE;
        }
        double ratio = Math.log(target.unavailability()) / Math.log(availability.unavailability());
        return (int) Math.ceil(ratio - EPSILON);
    }

    static int triesAllowed(Availability target, Availability retryHandler) {
        if (retryHandler.unavailability() == 0) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.floor(target.logAvailability() / retryHandler.logAvailability() + EPSILON);
    }

    public boolean feasible() {
        return triesAllowed > 0 && triesNeeded <= triesAllowed;
    }

    /** What a person should do, or why it is fine. */
    public String explanation(Availability target, Availability retryHandler) {
        if (triesAllowed == 0) {
            return String.format("the retry handler at %s is below the target %s: no dependency can meet it; raise the retry handler's availability",
                    retryHandler, target);
        }
        if (feasible()) {
            return String.format("%s at %s needs %d %s to reach %s; the retry handler at %s allows %d",
                    dependency, availability, triesNeeded, triesNeeded == 1 ? "try" : "tries", target, retryHandler, triesAllowed);
        }
        return String.format("%s at %s needs %d tries to reach %s, but the retry handler at %s allows only %d: "
                + "raise %s to at least %s%% or make it not critical-path",
                dependency, availability, triesNeeded, target, retryHandler, triesAllowed, dependency, minimumAvailability.format(4));
    }
}
