package dev.fivenines.operator.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;

/** Prometheus metrics of the operator (served on /q/metrics): reconciles, writes, drift, failures, rollouts. */
@ApplicationScoped
public class OperatorMetrics {

    /** The phases a rollout gauge is written for: one series per phase, 1 for the current one. */
    public static final java.util.List<String> ROLLOUT_PHASES = java.util.List.of("Progressing", "Paused", "Halted", "Completed");

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();

    public OperatorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void reconciled(String controller) {
        registry.counter("fivenines_reconciles_total", "controller", controller).increment();
    }

    public void failed(String controller) {
        registry.counter("fivenines_reconcile_failures_total", "controller", controller).increment();
    }

    public void applied(String kind) {
        registry.counter("fivenines_applies_total", "kind", kind).increment();
    }

    public void statusPatched(String controller) {
        registry.counter("fivenines_status_patches_total", "controller", controller).increment();
    }

    public void driftCorrected(String kind) {
        registry.counter("fivenines_drift_corrections_total", "kind", kind).increment();
    }

    public void awsCall(String service, String operation, String outcome) {
        registry.counter("fivenines_aws_calls_total", "service", service, "operation", operation, "outcome", outcome).increment();
    }

    /** Where a blueprint's rollout stands: {@code fivenines_rollout_phase{phase}} (1 for the current phase) and the 1-based bucket. */
    public void rollout(String namespace, String blueprint, String phase, int bucket) {
        for (String each : ROLLOUT_PHASES) {
            gauge("fivenines_rollout_phase", Tags.of("namespace", namespace, "blueprint", blueprint, "phase", each))
                    .set(each.equals(phase) ? 1 : 0);
        }
        gauge("fivenines_rollout_bucket", Tags.of("namespace", namespace, "blueprint", blueprint)).set(bucket);
    }

    /** A rollout event: {@code fivenines_rollout_events_total{event}} (Promoted, Halted, RolledBack, Completed, ...). */
    public void rolloutEvent(String namespace, String blueprint, String event) {
        registry.counter("fivenines_rollout_events_total", "namespace", namespace, "blueprint", blueprint, "event", event).increment();
    }

    private AtomicInteger gauge(String name, Tags tags) {
        return gauges.computeIfAbsent(name + tags, key -> registry.gauge(name, tags, new AtomicInteger()));
    }
}
