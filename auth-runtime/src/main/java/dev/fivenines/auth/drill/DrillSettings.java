package dev.fivenines.auth.drill;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Drill faults: deliberate failures for rollout and failover drills, off by default. They are read from
 * the process environment only — an image built for a drill sets them in its own configuration
 * ({@code e2e/bin/build-drill-images}); the operator never writes them and no request can turn them on.
 */
@ConfigMapping(prefix = "fivenines.drill")
public interface DrillSettings {

    /**
     * The share of decisions (0 to 1) answered with a 500 "drill_fault" instead of their answer:
     * FIVENINES_DRILL_DECISION_FAILURE_SHARE. 0 (the default) turns the fault off.
     */
    @WithDefault("0")
    double decisionFailureShare();
}
