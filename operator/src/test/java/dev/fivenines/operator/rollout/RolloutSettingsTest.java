package dev.fivenines.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.RolloutBaseline;
import dev.fivenines.api.v1alpha1.RolloutSpec;

class RolloutSettingsTest {

    private static final RolloutSettings DOCUMENTED_DEFAULTS = new RolloutSettings(Duration.ofSeconds(300), Duration.ofSeconds(60),
            Duration.ofSeconds(10), 100, new BigDecimal("0.01"), RolloutBaseline.PreviousRevision, Duration.ofSeconds(600), null, 2, true,
            false, false, Duration.ofSeconds(600));

    @Test
    void aBlueprintWithoutRolloutGetsTheDocumentedDefaults() {
        assertThat(RolloutSettings.of(null)).isEqualTo(DOCUMENTED_DEFAULTS);
        assertThat(RolloutSettings.defaults()).isEqualTo(DOCUMENTED_DEFAULTS);
    }

    @Test
    void absentPartsAndFieldsGetTheirDefaults() {
        RolloutSpec spec = new RolloutSpec();
        spec.setAnalysis(null);
        spec.setGate(null);
        spec.setBakeSeconds(null);
        spec.setPaused(null);

        assertThat(RolloutSettings.of(spec)).isEqualTo(DOCUMENTED_DEFAULTS);
    }

    @Test
    void givenValuesAreTaken() {
        RolloutSpec spec = new RolloutSpec();
        spec.setBakeSeconds(0);
        spec.getAnalysis().setWindowSeconds(120);
        spec.getAnalysis().setIntervalSeconds(30);
        spec.getAnalysis().setMinOutcomes(500);
        spec.getGate().setAllowance(0.002);
        spec.getGate().setBaseline(RolloutBaseline.Floor);
        spec.getGate().setFloor(0.999);
        spec.getGate().setBaselineSeconds(1800);
        spec.setFailedWindowsToHalt(3);
        spec.setAutoRollback(false);
        spec.setPaused(true);
        spec.setSkipBuckets(true);
        spec.setProgressDeadlineSeconds(900);

        assertThat(RolloutSettings.of(spec)).isEqualTo(new RolloutSettings(Duration.ZERO, Duration.ofSeconds(120), Duration.ofSeconds(30), 500,
                new BigDecimal("0.002"), RolloutBaseline.Floor, Duration.ofSeconds(1800), new BigDecimal("0.999"), 3, false, true, true,
                Duration.ofSeconds(900)));
    }
}
