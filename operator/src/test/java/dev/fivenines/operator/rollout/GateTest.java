package dev.fivenines.operator.rollout;

import static dev.fivenines.operator.rollout.RolloutScenario.counts;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.RolloutBaseline;
import dev.fivenines.api.v1alpha1.RolloutSpec;
import dev.fivenines.api.v1alpha1.Verdict;

class GateTest {

    private static final String BUCKET = "bucket 0 (dedicated-acme, edge-eu)";
    private static final RolloutSettings DEFAULTS = RolloutSettings.defaults();
    private static final Baseline GOOD_BASELINE = Baseline.measured(counts(9950, 50));

    private static RolloutSettings floor(double floor) {
        RolloutSpec spec = new RolloutSpec();
        spec.getGate().setBaseline(RolloutBaseline.Floor);
        spec.getGate().setFloor(floor);
        return RolloutSettings.of(spec);
    }

    private static RolloutSettings allowance(double allowance) {
        RolloutSpec spec = new RolloutSpec();
        spec.getGate().setAllowance(allowance);
        return RolloutSettings.of(spec);
    }

    @Test
    void aRatioBelowTheBaselineMinusTheAllowanceFailsWithAReasonToActOn() {
        GateResult result = Gate.evaluate(BUCKET, counts(7012, 2988), GOOD_BASELINE, DEFAULTS);

        assertThat(result.verdict()).isEqualTo(Verdict.Fail);
        assertThat(result.ratio()).isEqualByComparingTo("0.7012");
        assertThat(result.allowed()).isEqualByComparingTo("0.9850");
        assertThat(result.outcomes()).isEqualTo(10000);
        assertThat(result.reason()).isEqualTo("bucket 0 (dedicated-acme, edge-eu): ratio 0.7012 over 60 s (10000 outcomes) is below the allowed "
                + "0.9850 (baseline 0.9950 − 0.0100)");
    }

    @Test
    void aRatioExactlyAtTheAllowedPasses() {
        GateResult result = Gate.evaluate(BUCKET, counts(985, 15), GOOD_BASELINE, DEFAULTS);

        assertThat(result.verdict()).isEqualTo(Verdict.Pass);
        assertThat(result.reason()).isEqualTo("bucket 0 (dedicated-acme, edge-eu): ratio 0.9850 over 60 s (1000 outcomes) is at or above the "
                + "allowed 0.9850 (baseline 0.9950 − 0.0100)");
    }

    @Test
    void aRatioJustBelowTheAllowedFailsAndIsShownBelowIt() {
        GateResult result = Gate.evaluate(BUCKET, counts(98499, 1501), GOOD_BASELINE, DEFAULTS);

        assertThat(result.verdict()).isEqualTo(Verdict.Fail);
        assertThat(result.ratio()).as("truncated, never rounded up to the allowed").isEqualByComparingTo("0.9849");
    }

    @Test
    void fewerOutcomesThanTheMinimumAreInconclusiveWhateverTheRatio() {
        GateResult perfect = Gate.evaluate(BUCKET, counts(99, 0), GOOD_BASELINE, DEFAULTS);
        GateResult awful = Gate.evaluate(BUCKET, counts(0, 12), GOOD_BASELINE, DEFAULTS);

        assertThat(perfect.verdict()).isEqualTo(Verdict.Inconclusive);
        assertThat(perfect.reason()).isEqualTo("bucket 0 (dedicated-acme, edge-eu): needs 100 outcomes over 60 s, saw 99");
        assertThat(perfect.ratio()).isEqualByComparingTo("1");
        assertThat(awful.verdict()).isEqualTo(Verdict.Inconclusive);
        assertThat(awful.reason()).endsWith("needs 100 outcomes over 60 s, saw 12");
    }

    @Test
    void aWindowWithoutOutcomesHasNoRatio() {
        GateResult result = Gate.evaluate(BUCKET, OutcomeCounts.NONE, GOOD_BASELINE, DEFAULTS);

        assertThat(result.verdict()).isEqualTo(Verdict.Inconclusive);
        assertThat(result.ratio()).isNull();
        assertThat(result.outcomes()).isZero();
    }

    @Test
    void aBaselineMeasuredOnTooFewOutcomesIsInconclusiveAndSaysWhatToDo() {
        GateResult result = Gate.evaluate(BUCKET, counts(5000, 0), Baseline.measured(counts(40, 0)), DEFAULTS);

        assertThat(result.verdict()).isEqualTo(Verdict.Inconclusive);
        assertThat(result.allowed()).isNull();
        assertThat(result.reason()).isEqualTo("bucket 0 (dedicated-acme, edge-eu): the baseline needs 100 outcomes on the previous revision over "
                + "600 s, saw 40; set spec.rollout.gate.baseline to Floor with a floor to judge this bucket");
    }

    @Test
    void noBaselineAtAllIsInconclusive() {
        GateResult result = Gate.evaluate(BUCKET, counts(5000, 0), Baseline.recorded(null, null), DEFAULTS);

        assertThat(result.verdict()).isEqualTo(Verdict.Inconclusive);
        assertThat(result.reason()).contains("the baseline needs 100 outcomes on the previous revision over 600 s, saw 0");
    }

    @Test
    void theFloorIsTheAllowedRatioWithoutAnAllowance() {
        RolloutSettings settings = floor(0.99);

        GateResult below = Gate.evaluate(BUCKET, counts(9899, 101), Baseline.floor(settings.floor()), settings);
        GateResult at = Gate.evaluate(BUCKET, counts(9900, 100), Baseline.floor(settings.floor()), settings);

        assertThat(below.verdict()).isEqualTo(Verdict.Fail);
        assertThat(below.reason()).isEqualTo("bucket 0 (dedicated-acme, edge-eu): ratio 0.9899 over 60 s (10000 outcomes) is below the allowed "
                + "0.9900 (floor 0.9900)");
        assertThat(at.verdict()).isEqualTo(Verdict.Pass);
    }

    @Test
    void aFloorWithMoreDecimalsIsRoundedUpNotDown() {
        RolloutSettings settings = floor(0.99375);

        GateResult result = Gate.evaluate(BUCKET, counts(99374, 626), Baseline.floor(settings.floor()), settings);

        assertThat(result.allowed()).isEqualByComparingTo("0.9938");
        assertThat(result.verdict()).isEqualTo(Verdict.Fail);
        assertThat(result.reason()).endsWith("(floor 0.99375)");
    }

    @Test
    void floorBaselineWithoutAFloorIsInconclusive() {
        RolloutSpec spec = new RolloutSpec();
        spec.getGate().setBaseline(RolloutBaseline.Floor);
        RolloutSettings settings = RolloutSettings.of(spec);

        GateResult result = Gate.evaluate(BUCKET, counts(5000, 0), Baseline.floor(settings.floor()), settings);

        assertThat(result.verdict()).isEqualTo(Verdict.Inconclusive);
        assertThat(result.reason()).isEqualTo("bucket 0 (dedicated-acme, edge-eu): baseline Floor without spec.rollout.gate.floor: set the floor");
    }

    @Test
    void anAllowanceAboveTheBaselineAllowsEverythingJudged() {
        RolloutSettings settings = allowance(1.0);

        GateResult result = Gate.evaluate(BUCKET, counts(0, 500), GOOD_BASELINE, settings);

        assertThat(result.allowed()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(result.verdict()).isEqualTo(Verdict.Pass);
        assertThat(result.reason()).endsWith("is at or above the allowed 0.0000 (baseline 0.9950 − 1.0000)");
    }

    @Test
    void withoutAllowanceARatioEqualToTheBaselinePasses() {
        RolloutSettings settings = allowance(0.0);

        assertThat(Gate.evaluate(BUCKET, counts(995, 5), GOOD_BASELINE, settings).verdict()).isEqualTo(Verdict.Pass);
        assertThat(Gate.evaluate(BUCKET, counts(994, 6), GOOD_BASELINE, settings).verdict()).isEqualTo(Verdict.Fail);
    }

    @Test
    void theBaselineIsRoundedHalfUpToFourDecimals() {
        assertThat(Baseline.measured(counts(99945, 55)).ratio()).isEqualByComparingTo("0.9995");
        assertThat(Baseline.measured(counts(99944, 56)).ratio()).isEqualByComparingTo("0.9994");
        assertThat(Baseline.measured(OutcomeCounts.NONE).ratio()).isNull();
    }

    @Test
    void anAllowanceWithMoreDecimalsIsShownInFull() {
        GateResult result = Gate.evaluate(BUCKET, counts(9000, 1000), GOOD_BASELINE, allowance(0.00125));

        assertThat(result.allowed()).as("0.9950 − 0.00125 = 0.99375, rounded up").isEqualByComparingTo("0.9938");
        assertThat(result.reason()).endsWith("(baseline 0.9950 − 0.00125)");
    }
}
