package dev.fivenines.operator.cloud;

import java.util.List;

import dev.fivenines.operator.drift.Drift;

/**
 * What one cloud step found and did, for one condition.
 *
 * @param condition the condition type it reports (TableReplicaReady, HealthCheckReady, DnsRecordReady)
 * @param ready whether the resource is as declared and usable
 * @param reason one CamelCase word
 * @param message what a person should know or do
 * @param corrected hand changes found and put back
 * @param settling true while AWS is still working on a change (look again soon)
 */
public record CloudOutcome(String condition, boolean ready, String reason, String message, List<Drift> corrected,
        boolean settling) {

    public static CloudOutcome ready(String condition, String reason, String message, List<Drift> corrected) {
        return new CloudOutcome(condition, true, reason, message, List.copyOf(corrected), false);
    }

    public static CloudOutcome settling(String condition, String reason, String message) {
        return settling(condition, reason, message, List.of());
    }

    public static CloudOutcome settling(String condition, String reason, String message, List<Drift> corrected) {
        return new CloudOutcome(condition, false, reason, message, List.copyOf(corrected), true);
    }

    public static CloudOutcome failed(String condition, String reason, String message) {
        return new CloudOutcome(condition, false, reason, message, List.of(), false);
    }
}
