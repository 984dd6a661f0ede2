package dev.fivenines.operator.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Prometheus metrics of the operator (served on /q/metrics): reconciles, writes, drift, failures. */
@ApplicationScoped
public class OperatorMetrics {

    private final MeterRegistry registry;

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
}
