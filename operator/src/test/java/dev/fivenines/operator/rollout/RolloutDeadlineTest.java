package dev.fivenines.operator.rollout;

import static dev.fivenines.operator.rollout.RolloutMachineTest.GOOD;
import static dev.fivenines.operator.rollout.RolloutMachineTest.threeBucketsOnR1;
import static dev.fivenines.operator.rollout.RolloutMachineTest.withPaused;
import static dev.fivenines.operator.rollout.RolloutScenario.T0;
import static dev.fivenines.operator.rollout.RolloutScenario.counts;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.BucketPhase;
import dev.fivenines.api.v1alpha1.RolloutPhase;
import dev.fivenines.api.v1alpha1.Verdict;
import dev.fivenines.operator.rollout.RolloutEvent.Reason;

/** spec.rollout.progressDeadlineSeconds (600 s by default): a bucket that waits too long halts the rollout. */
class RolloutDeadlineTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final OutcomeCounts FEW = counts(50, 0);

    private RolloutScenario s;
    private final List<String> reasonsSeen = new ArrayList<>();

    @BeforeEach
    void threeBuckets() {
        s = threeBucketsOnR1();
    }

    /** Steps every ten seconds from the clock's time on, the last step at {@code at}, recording every event's reason. */
    private void stepUntil(Instant at) {
        while (s.clock.instant().isBefore(at)) {
            s.advance(TEN_SECONDS);
            s.step("r2");
            reasonsSeen.addAll(s.reasons());
        }
    }

    /** The same, the deployments running what their bucket is given after each step. */
    private void runUntil(Instant at) {
        while (s.clock.instant().isBefore(at)) {
            s.advance(TEN_SECONDS);
            s.step("r2");
            s.converge();
            reasonsSeen.addAll(s.reasons());
        }
    }

    private static RolloutSettings with(RolloutSettings s, Duration bake, Duration progressDeadline) {
        return new RolloutSettings(bake, s.window(), s.interval(), s.minOutcomes(), s.allowance(), s.baseline(), s.baselineWindow(), s.floor(),
                s.failedWindowsToHalt(), s.autoRollback(), s.paused(), s.skipBuckets(), progressDeadline);
    }

    /** r2 started in bucket 0 at T0; dedicated-acme comes up on it, edge-eu never does. Readings pass meanwhile. */
    private void edgeEuNeverReady() {
        s.step("r2");
        s.deployment("dedicated-acme", true, "r2");
        s.window(0, GOOD);
    }

    @Test
    void aBucketNotReadyWithinTheDeadlineHaltsAndRollsBack() {
        edgeEuNeverReady();
        stepUntil(T0.plusSeconds(590));
        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Progressing);
        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Progressing);
        assertThat(s.bucketStatus(0).getWaitingSince()).isEqualTo(T0.toString());
        assertThat(reasonsSeen).doesNotContain("Halted");

        s.advance(TEN_SECONDS);
        RolloutStep step = s.step("r2");

        String reason = "bucket 0 (dedicated-acme, edge-eu) was not Ready at revision r2 within the progress deadline of 600 s "
                + "(spec.rollout.progressDeadlineSeconds): waited for edge-eu to be Ready at it";
        assertThat(step.status().getPhase()).isEqualTo(RolloutPhase.Halted);
        assertThat(step.events()).extracting(RolloutEvent::reason, RolloutEvent::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Reason.Halted, "halted: " + reason),
                org.assertj.core.groups.Tuple.tuple(Reason.RolledBack, "bucket 0 (dedicated-acme, edge-eu) rolled back from revision r2 to r1"));
        assertThat(step.status().getMessage()).isEqualTo("halted: " + reason
                + "; rolled back to revision r1, later buckets keep theirs; roll out a new revision, or retry this one");
        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.RolledBack);
        assertThat(step.revisionOf(0)).contains("r1");
        assertThat(step.revisionOf(1)).contains("r1");
        assertThat(step.requeueAfter()).isEmpty();
    }

    @Test
    void withoutAutoRollbackTheDeadlineHaltsAndTheBucketKeepsTheRevision() {
        s.settings = RolloutMachineTest.withAutoRollback(s.settings, false);
        edgeEuNeverReady();
        stepUntil(T0.plusSeconds(600));

        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Halted);
        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Halted);
        assertThat(s.bucketStatus(0).getRevision()).isEqualTo("r2");
        assertThat(reasonsSeen).containsOnlyOnce("Halted").doesNotContain("RolledBack");
    }

    @Test
    void aReadyBucketWhoseGateStaysInconclusivePastTheDeadlineHalts() {
        s.step("r2");
        s.converge();
        s.window(0, FEW);
        stepUntil(T0.plusSeconds(600));
        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Baking);
        assertThat(s.bucketStatus(0).getVerdict()).isEqualTo(Verdict.Inconclusive);
        assertThat(s.bucketStatus(0).getWaitingSince()).as("the clock counts from Ready").isEqualTo(T0.plusSeconds(10).toString());
        assertThat(reasonsSeen).doesNotContain("Halted");

        s.advance(TEN_SECONDS);
        RolloutStep step = s.step("r2");

        assertThat(step.status().getPhase()).isEqualTo(RolloutPhase.Halted);
        assertThat(step.events()).extracting(RolloutEvent::reason).containsExactly(Reason.Halted, Reason.RolledBack);
        assertThat(step.events().get(0).message()).isEqualTo("halted: bucket 0 (dedicated-acme, edge-eu) was Ready at revision r2 but its gate "
                + "could not judge it within the progress deadline of 600 s (spec.rollout.progressDeadlineSeconds): waited for 100 outcomes "
                + "over 60 s, the last window had 50");
        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.RolledBack);
    }

    @Test
    void aBaselineWithTooFewOutcomesIsWhatTheDeadlineHaltNames() {
        s.everyRecent(counts(40, 0));
        s.step("r2");
        s.converge();
        s.window(0, GOOD);
        stepUntil(T0.plusSeconds(600));
        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Progressing);
        stepUntil(T0.plusSeconds(610));

        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Halted);
        assertThat(s.status.getMessage()).startsWith("halted: bucket 0 (dedicated-acme, edge-eu) was Ready at revision r2 but its gate could "
                + "not judge it within the progress deadline of 600 s (spec.rollout.progressDeadlineSeconds): waited for a baseline of 100 "
                + "outcomes on the previous revision, measured on 40; set spec.rollout.gate.baseline to Floor with a floor to judge this bucket");
    }

    @Test
    void gateDataThatCannotBeReadIsInconclusiveAndItsFailureIsWhatTheDeadlineHaltNames() {
        s.step("r2");
        s.converge();
        s.unreadable(0, "Prometheus at http://prometheus:9090: connection refused");
        s.advance(TEN_SECONDS);
        s.step("r2");
        assertThat(s.bucketStatus(0).getVerdict()).isEqualTo(Verdict.Inconclusive);
        assertThat(s.bucketStatus(0).getOutcomes()).isZero();
        assertThat(s.status.getMessage()).isEqualTo(
                "waiting: bucket 0 (dedicated-acme, edge-eu): no gate data: Prometheus at http://prometheus:9090: connection refused");

        stepUntil(T0.plusSeconds(610));

        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Halted);
        assertThat(s.status.getMessage()).startsWith("halted: bucket 0 (dedicated-acme, edge-eu) was Ready at revision r2 but its gate could "
                + "not judge it within the progress deadline of 600 s (spec.rollout.progressDeadlineSeconds): waited for the gate's data, "
                + "which could not be read: Prometheus at http://prometheus:9090: connection refused");
    }

    @Test
    void aPassingReadingInTimeKeepsTheRolloutGoing() {
        s.step("r2");
        s.converge();
        s.window(0, FEW);
        stepUntil(T0.plusSeconds(580));
        s.everyWindow(GOOD);

        stepUntil(T0.plusSeconds(590));

        assertThat(s.bucketStatus(0).getPhase()).as("baked 300 s since T0+10 s, the gate passing at T0+590 s").isEqualTo(BucketPhase.Passed);
        assertThat(s.bucketStatus(1).getPhase()).isEqualTo(BucketPhase.Progressing);
        assertThat(s.bucketStatus(1).getWaitingSince()).isEqualTo(T0.plusSeconds(590).toString());
        s.converge();
        runUntil(T0.plusSeconds(1600));
        assertThat(reasonsSeen).doesNotContain("Halted").contains("Completed");
        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Completed);
    }

    @Test
    void aPassingReadingWhileBakingRestartsTheClockForALaterInconclusiveOne() {
        s.settings = with(s.settings, Duration.ofSeconds(1200), s.settings.progressDeadline());
        s.step("r2");
        s.converge();
        s.window(0, GOOD);
        stepUntil(T0.plusSeconds(400));
        s.window(0, FEW);

        stepUntil(T0.plusSeconds(990));
        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Progressing);
        assertThat(s.bucketStatus(0).getWaitingSince()).as("the last passing reading").isEqualTo(T0.plusSeconds(400).toString());
        s.advance(TEN_SECONDS);
        s.step("r2");
        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Halted);
    }

    @Test
    void aPausedRolloutDoesNotRunIntoTheDeadlineAndItsClockStartsAgainOnResume() {
        edgeEuNeverReady();
        stepUntil(T0.plusSeconds(300));
        s.settings = withPaused(s.settings, true);
        stepUntil(T0.plusSeconds(2000));
        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Paused);
        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Progressing);
        assertThat(s.last.requeueAfter()).as("gate readings go on while paused").contains(TEN_SECONDS);
        assertThat(reasonsSeen).doesNotContain("Halted");

        s.settings = withPaused(s.settings, false);
        stepUntil(T0.plusSeconds(2590));
        assertThat(reasonsSeen).contains("Resumed").doesNotContain("Halted");
        assertThat(s.bucketStatus(0).getWaitingSince()).isEqualTo(T0.plusSeconds(2010).toString());

        stepUntil(T0.plusSeconds(2610));
        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Halted);
        assertThat(reasonsSeen).containsOnlyOnce("Halted");
    }

    @Test
    void aRetryAfterADeadlineHaltRestartsTheClock() {
        edgeEuNeverReady();
        stepUntil(T0.plusSeconds(600));
        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Halted);

        s.retry = true;
        s.advance(TEN_SECONDS);
        s.step("r2");
        assertThat(s.reasons()).containsExactly("Retried");
        s.retry = false;
        assertThat(s.bucketStatus(0).getWaitingSince()).isEqualTo(T0.plusSeconds(610).toString());
        s.deployment("dedicated-acme", true, "r2");
        reasonsSeen.clear();

        stepUntil(T0.plusSeconds(1200));
        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Progressing);
        assertThat(reasonsSeen).doesNotContain("Halted");
        stepUntil(T0.plusSeconds(1210));
        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Halted);
    }

    @Test
    void theStepAsksToBeCalledAtTheDeadlineWhenItComesBeforeTheNextReading() {
        s.settings = with(s.settings, s.settings.bake(), Duration.ofSeconds(605));
        edgeEuNeverReady();
        stepUntil(T0.plusSeconds(600));
        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Progressing);
        assertThat(s.last.requeueAfter()).as("the next reading at 610 s; the deadline falls at 605 s").contains(Duration.ofSeconds(5));

        s.advance(Duration.ofSeconds(5));
        s.step("r2");

        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Halted);
    }

    @Test
    void aBucketInProgressWithoutAClockGetsOneAtTheNextStep() {
        edgeEuNeverReady();
        s.status.getBuckets().get(0).setWaitingSince(null);
        s.advance(Duration.ofSeconds(900));

        s.step("r2");

        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Progressing);
        assertThat(s.bucketStatus(0).getWaitingSince()).isEqualTo(T0.plusSeconds(900).toString());
    }
}
