package dev.fivenines.operator.rollout;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import dev.fivenines.api.v1alpha1.RolloutAnalysis;
import dev.fivenines.api.v1alpha1.RolloutBaseline;
import dev.fivenines.api.v1alpha1.RolloutGate;
import dev.fivenines.api.v1alpha1.RolloutSpec;

/**
 * A blueprint's {@code spec.rollout} with every default applied, also when the spec (or part of it) is absent.
 * The defaults are those of the API classes, the same the CRD declares.
 *
 * @param floor the floor of baseline Floor; null when not set
 */
public record RolloutSettings(Duration bake, Duration window, Duration interval, long minOutcomes, BigDecimal allowance,
        RolloutBaseline baseline, Duration baselineWindow, BigDecimal floor, int failedWindowsToHalt, boolean autoRollback,
        boolean paused, boolean skipBuckets, Duration progressDeadline) {

    public static RolloutSettings defaults() {
        return of(null);
    }

    public static RolloutSettings of(RolloutSpec spec) {
        RolloutSpec given = spec != null ? spec : new RolloutSpec();
        RolloutSpec defaults = new RolloutSpec();
        RolloutAnalysis analysis = Optional.ofNullable(given.getAnalysis()).orElseGet(RolloutAnalysis::new);
        RolloutAnalysis analysisDefaults = new RolloutAnalysis();
        RolloutGate gate = Optional.ofNullable(given.getGate()).orElseGet(RolloutGate::new);
        RolloutGate gateDefaults = new RolloutGate();
        return new RolloutSettings(
                seconds(or(given.getBakeSeconds(), defaults.getBakeSeconds())),
                seconds(or(analysis.getWindowSeconds(), analysisDefaults.getWindowSeconds())),
                seconds(or(analysis.getIntervalSeconds(), analysisDefaults.getIntervalSeconds())),
                or(analysis.getMinOutcomes(), analysisDefaults.getMinOutcomes()),
                BigDecimal.valueOf(or(gate.getAllowance(), gateDefaults.getAllowance())),
                or(gate.getBaseline(), gateDefaults.getBaseline()),
                seconds(or(gate.getBaselineSeconds(), gateDefaults.getBaselineSeconds())),
                gate.getFloor() == null ? null : BigDecimal.valueOf(gate.getFloor()),
                or(given.getFailedWindowsToHalt(), defaults.getFailedWindowsToHalt()),
                or(given.getAutoRollback(), defaults.getAutoRollback()),
                or(given.getPaused(), defaults.getPaused()),
                or(given.getSkipBuckets(), defaults.getSkipBuckets()),
                seconds(or(given.getProgressDeadlineSeconds(), defaults.getProgressDeadlineSeconds())));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static Duration seconds(int seconds) {
        return Duration.ofSeconds(seconds);
    }
}
