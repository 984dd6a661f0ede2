package dev.fivenines.operator.rollout;

import static dev.fivenines.operator.rollout.RolloutScenario.counts;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OutcomeSamplesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration MINUTE = Duration.ofSeconds(60);

    private final OutcomeSamples samples = new OutcomeSamples();

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void outcomesAreSummedAcrossPodsAndTheRatioIsOfTheSumsNotAnAverage() {
        samples.record("pod-a", at(0), counts(1000, 0));
        samples.record("pod-a", at(30), counts(1100, 0));
        samples.record("pod-b", at(0), counts(0, 0));
        samples.record("pod-b", at(30), counts(500, 500));

        OutcomeCounts window = samples.over(List.of("pod-a", "pod-b"), MINUTE, at(30));

        assertThat(window.successes()).isEqualTo(600);
        assertThat(window.total()).isEqualTo(1100);
        assertThat(Gate.evaluate("b", window, Baseline.measured(counts(1000, 0)), RolloutSettings.defaults()).ratio())
                .as("600 / 1100, not the mean of 1.0 and 0.5").isEqualByComparingTo("0.5454");
    }

    @Test
    void aLowerCounterThanBeforeIsARestartAndCountsFromZero() {
        samples.record("pod-a", at(0), counts(100, 0));
        samples.record("pod-a", at(10), counts(150, 0));
        samples.record("pod-a", at(20), counts(20, 0));
        samples.record("pod-a", at(30), counts(50, 0));

        assertThat(samples.over(List.of("pod-a"), MINUTE, at(30)).successes()).isEqualTo(50 + 20 + 30);
    }

    @Test
    void aResetIsJudgedSeriesBySeries() {
        samples.record("pod-a", at(0), new OutcomeCounts(Map.of("decision/success", 100L, "login/failed", 7L)));
        samples.record("pod-a", at(10), new OutcomeCounts(Map.of("decision/success", 130L, "login/failed", 2L, "login/success", 4L)));

        OutcomeCounts window = samples.over(List.of("pod-a"), MINUTE, at(10));

        assertThat(window.bySeries()).containsExactlyInAnyOrderEntriesOf(Map.of("decision/success", 30L, "login/failed", 2L, "login/success", 4L));
        assertThat(window.successes()).isEqualTo(34);
        assertThat(window.total()).isEqualTo(36);
    }

    @Test
    void theWindowIncludesBothEdgesAndNothingBeforeIt() {
        samples.record("pod-a", at(0), counts(0, 0));
        samples.record("pod-a", at(10), counts(1000, 0));
        samples.record("pod-a", at(70), counts(1100, 0));

        assertThat(samples.over(List.of("pod-a"), MINUTE, at(70)).total()).as("from the sample at 10 s, exactly 60 s back").isEqualTo(100);
        assertThat(samples.over(List.of("pod-a"), MINUTE, at(71)).total()).as("the sample at 10 s left the window: one sample, no increase")
                .isZero();
        assertThat(samples.over(List.of("pod-a"), MINUTE, at(60)).total()).as("samples after now are not counted").isEqualTo(1000);
    }

    @Test
    void aPodThatAppearedMidWindowCountsFromItsFirstSample() {
        samples.record("old", at(0), counts(0, 0));
        samples.record("old", at(50), counts(500, 0));
        samples.record("new", at(40), counts(7000, 0));
        samples.record("new", at(50), counts(7100, 0));

        assertThat(samples.over(List.of("old", "new"), MINUTE, at(50)).total())
                .as("what the new pod counted before its first scrape is not known to be in the window").isEqualTo(600);
    }

    @Test
    void aPodThatIsGoneCountsWhileItsSamplesAreInTheWindow() {
        samples.record("gone", at(0), counts(0, 0));
        samples.record("gone", at(20), counts(0, 300));
        samples.record("here", at(0), counts(0, 0));
        samples.record("here", at(60), counts(700, 0));

        OutcomeCounts window = samples.over(List.of("gone", "here"), MINUTE, at(60));

        assertThat(window.total()).isEqualTo(1000);
        assertThat(window.successes()).isEqualTo(700);
        assertThat(samples.over(List.of("gone", "here"), MINUTE, at(75)).total()).as("each pod has a single sample left in the window").isEqualTo(0);
    }

    @Test
    void onlyThePodsAskedForAreCounted() {
        samples.record("pod-a", at(0), counts(0, 0));
        samples.record("pod-a", at(10), counts(10, 0));
        samples.record("pod-b", at(0), counts(0, 0));
        samples.record("pod-b", at(10), counts(0, 10));

        assertThat(samples.over(List.of("pod-b", "pod-unknown"), MINUTE, at(10)).successes()).isZero();
        assertThat(samples.over(List.of("pod-b", "pod-unknown"), MINUTE, at(10)).total()).isEqualTo(10);
    }

    @Test
    void pruningForgetsOldSamplesAndPodsLeftWithoutAny() {
        samples.record("gone", at(0), counts(1, 0));
        samples.record("here", at(0), counts(1, 0));
        samples.record("here", at(100), counts(2, 0));

        samples.pruneBefore(at(50));

        assertThat(samples.pods()).containsExactly("here");
        assertThat(samples.over(List.of("here"), Duration.ofSeconds(1000), at(100)).total()).as("one sample left, no increase").isZero();
    }

    @Test
    void aSecondSampleAtTheSameInstantReplacesTheFirst() {
        samples.record("pod-a", at(0), counts(0, 0));
        samples.record("pod-a", at(10), counts(5, 0));
        samples.record("pod-a", at(10), counts(8, 0));

        assertThat(samples.over(List.of("pod-a"), MINUTE, at(10)).total()).isEqualTo(8);
    }
}
