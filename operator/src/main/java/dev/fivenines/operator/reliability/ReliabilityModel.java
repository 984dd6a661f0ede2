package dev.fivenines.operator.reliability;

import java.util.List;

/**
 * The reliability verdict of a blueprint: for each critical-path dependency the tries it needs and the
 * tries the retry handler allows. Dependencies off the critical path do not bound the target.
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
        return budgets.stream().allMatch(RetryBudget::feasible) && RetryBudget.triesAllowed(target, retryHandler) > 0;
    }

    /** One sentence a person can act on. */
    public String summary() {
        List<RetryBudget> failing = budgets.stream().filter(b -> !b.feasible()).toList();
        if (RetryBudget.triesAllowed(target, retryHandler) == 0) {
            return String.format("the retry handler at %s is below the target %s: raise the retry handler's availability",
                    retryHandler, target);
        }
        if (failing.isEmpty()) {
            return budgets.isEmpty()
                    ? String.format("no critical-path dependencies declared; the retry handler at %s allows %d tries within %s",
                            retryHandler, RetryBudget.triesAllowed(target, retryHandler), target)
                    : String.format("all %d critical-path dependencies reach %s within the %d tries the retry handler allows",
                            budgets.size(), target, RetryBudget.triesAllowed(target, retryHandler));
        }
        return String.join("; ", failing.stream().map(b -> b.explanation(target, retryHandler)).toList());
    }
}
