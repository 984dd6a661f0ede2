package dev.fivenines.operator.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

/**
 * Builds the conditions of a new status from the previous ones: {@code lastTransitionTime} moves only
 * when a condition's status changes, so a condition that stays the same keeps the time it became so.
 */
public final class Conditions {

    private final List<Condition> previous;
    private final List<Condition> next = new ArrayList<>();
    private final long generation;
    private final Instant now;

    public Conditions(List<Condition> previous, long generation, Instant now) {
        this.previous = previous == null ? List.of() : previous;
        this.generation = generation;
        this.now = now;
    }

    /** Starts from the previous conditions, for a status that changes only some of them. */
    public static Conditions updating(List<Condition> previous, long generation, Instant now) {
        Conditions conditions = new Conditions(previous, generation, now);
        conditions.next.addAll(conditions.previous);
        return conditions;
    }

    public Conditions set(String type, boolean status, String reason, String message) {
        String value = status ? "True" : "False";
        String since = find(previous, type).filter(c -> value.equals(c.getStatus())).map(Condition::getLastTransitionTime)
                .orElse(now.toString());
        next.removeIf(c -> c.getType().equals(type));
        next.add(new ConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).withLastTransitionTime(since).build());
        return this;
    }

    public List<Condition> build() {
        return List.copyOf(next);
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> Objects.equals(type, c.getType())).findFirst();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }
}
