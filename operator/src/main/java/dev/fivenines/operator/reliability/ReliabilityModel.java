package dev.fivenines.operator.reliability;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The reliability verdict of a blueprint: for each critical-path dependency the tries it needs and the
 * tries the retry handler allows, and for the critical path as a whole the product of its dependencies'
 * availabilities, each tried as often as the handler allows (a request needs all of them: two dependencies
 * at 99.999 % tried once make 99.998 %). Dependencies off the critical path do not bound the target.
 */
public record ReliabilityModel(Availability target, Availability retryHandler, List<RetryBudget> budgets) {

    public record Dependency(String name, String availability, boolean criticalPath) {
    }

    public static ReliabilityModel evaluate(String target, String retryHandler, List<Dependency> dependencies) {
        Availability t = Availability.parse(target);
        Availability h = Availability.parse(retryHandler);
        List<RetryBudget> budgets = dependencies.stream().filter(Dependency::criticalPath)
                .map(d -> RetryBudget.of(d.name(), Availability.parse(d.availability()), t, h))
                .toList();
        return new ReliabilityModel(t, h, budgets);
    }

    public boolean feasible() {
        return budgets.stream().allMatch(RetryBudget::feasible) && RetryBudget.triesAllowed(target, retryHandler) > 0
                && criticalPath().map(this::reachesTarget).orElse(true);
    }

    /**
     * The critical path's availability: the product over its dependencies of {@code 1 - (1 - a)^n}, {@code n} the tries
     * the retry handler allows (whose own share is judged by the tries it allows). Empty without critical-path
     * dependencies or when the handler allows no try.
     */
    public Optional<Availability> criticalPath() {
        int allowed = RetryBudget.triesAllowed(target, retryHandler);
        if (budgets.isEmpty() || allowed == 0) {
            return Optional.empty();
        }
        double logAvailability = 0;
        for (RetryBudget budget : budgets) {
            logAvailability += Math.log1p(-Math.pow(budget.availability().unavailability(), allowed));
        }
        return Optional.of(Availability.ofUnavailability(-Math.expm1(logAvailability)));
    }

    private boolean reachesTarget(Availability path) {
        // the product is computed in doubles: a relative tolerance keeps an exact tie from failing on the last bit
        return path.unavailability() <= target.unavailability() * (1 + 1e-9);
    }

    /** One sentence a person can act on. */
    public String summary() {
        List<RetryBudget> failing = budgets.stream().filter(b -> !b.feasible()).toList();
        if (RetryBudget.triesAllowed(target, retryHandler) == 0) {
            return String.format("the retry handler at %s is below the target %s: raise the retry handler's availability",
                    retryHandler, target);
        }
        int allowed = RetryBudget.triesAllowed(target, retryHandler);
        if (failing.isEmpty() && budgets.isEmpty()) {
            return String.format("no critical-path dependencies declared; the retry handler at %s allows %d tries within %s",
                    retryHandler, allowed, target);
        }
        if (failing.isEmpty()) {
            Availability path = criticalPath().orElseThrow();
            if (!reachesTarget(path)) {
                RetryBudget weakest = budgets.stream().max(Comparator.comparingDouble(b -> b.availability().unavailability())).orElseThrow();
                return String.format("each critical-path dependency reaches %s alone, but a request needs all %d: together, each tried up "
                        + "to %d %s, they reach %s%%, below the target: raise the weakest, %s at %s, or make a dependency not critical-path",
                        target, budgets.size(), allowed, allowed == 1 ? "time" : "times", path.formatDown(6), weakest.dependency(),
                        weakest.availability());
            }
            return String.format("all %d critical-path dependencies reach %s within the %d tries the retry handler allows; "
                    + "together %s%%", budgets.size(), target, allowed, path.formatDown(8));
        }
        return String.join("; ", failing.stream().map(b -> b.explanation(target, retryHandler)).toList());
    }
}
