package dev.fivenines.operator.rollout;

import static dev.fivenines.operator.rollout.RolloutScenario.T0;
import static dev.fivenines.operator.rollout.RolloutScenario.counts;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.BucketPhase;
import dev.fivenines.api.v1alpha1.RolloutBucketStatus;
import dev.fivenines.api.v1alpha1.RolloutPhase;
import dev.fivenines.api.v1alpha1.RolloutStatus;
import dev.fivenines.api.v1alpha1.Verdict;
import dev.fivenines.operator.rollout.RolloutEvent.Reason;

/** A revision's way through the buckets: start, bake, promotion, completion, and the gate stopping it. */
class RolloutMachineTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    static final OutcomeCounts GOOD = counts(1990, 10);
    static final OutcomeCounts BAD = counts(1290, 550);
    static final String BAD_REASON = "bucket 0 (dedicated-acme, edge-eu): ratio 0.7010 over 60 s (1840 outcomes) is below the allowed 0.9850 "
            + "(baseline 0.9950 − 0.0100)";

    private RolloutScenario s;

    /** Three buckets on r1, each with a baseline of 0.9950 over 10000 outcomes. */
    static RolloutScenario threeBucketsOnR1() {
        RolloutScenario s = new RolloutScenario().bucket(0, "dedicated-acme", "edge-eu").bucket(1, "edge-us").bucket(2, "primary-use1", "backup-usw2");
        s.step("r1");
        s.converge();
        s.everyRecent(counts(9950, 50));
        return s;
    }

    /** r2 started in bucket 0, its deployments Ready at it, one passing reading taken: the bucket bakes. */
    static RolloutScenario bucketZeroBakingR2() {
        RolloutScenario s = threeBucketsOnR1();
        s.step("r2");
        s.converge();
        s.advance(TEN_SECONDS);
        s.window(0, GOOD);
        s.step("r2");
        return s;
    }

    @BeforeEach
    void threeBuckets() {
        s = threeBucketsOnR1();
    }

    @Test
    void theFirstRolloutGivesEveryBucketTheRevisionAtOnce() {
        RolloutScenario fresh = new RolloutScenario().bucket(0, "a").bucket(3, "b", "c");

        RolloutStep step = fresh.step("r1");

        assertThat(step.status().getPhase()).isEqualTo(RolloutPhase.Completed);
        assertThat(step.status().getRevision()).isEqualTo("r1");
        assertThat(step.status().getStableRevision()).isEqualTo("r1");
        assertThat(step.status().getBucket()).isEqualTo("2/2");
        assertThat(step.status().getBuckets()).extracting(RolloutBucketStatus::getBucket, RolloutBucketStatus::getRevision,
                RolloutBucketStatus::getPhase).containsExactly(org.assertj.core.groups.Tuple.tuple(0, "r1", BucketPhase.Passed),
                        org.assertj.core.groups.Tuple.tuple(3, "r1", BucketPhase.Passed));
        assertThat(step.events()).extracting(RolloutEvent::reason).containsExactly(Reason.Completed);
        assertThat(step.status().getMessage()).isEqualTo(
                "revision r1 runs in every bucket (2): the blueprint's first revision, rolled out at once (nothing to protect yet)");
        assertThat(step.requeueAfter()).isEmpty();
    }

    @Test
    void aNewRevisionGoesToTheLowestBucketOnlyWithItsBaseline() {
        RolloutStep step = s.step("r2");

        assertThat(step.status().getPhase()).isEqualTo(RolloutPhase.Progressing);
        assertThat(step.status().getRevision()).isEqualTo("r2");
        assertThat(step.status().getStableRevision()).isEqualTo("r1");
        assertThat(step.status().getBucket()).isEqualTo("1/3");
        assertThat(step.status().getStartedAt()).isEqualTo(T0.toString());
        RolloutBucketStatus first = s.bucketStatus(0);
        assertThat(first.getRevision()).isEqualTo("r2");
        assertThat(first.getPreviousRevision()).isEqualTo("r1");
        assertThat(first.getPhase()).isEqualTo(BucketPhase.Progressing);
        assertThat(first.getBaseline()).isEqualTo("0.9950");
        assertThat(first.getBaselineOutcomes()).isEqualTo(10000L);
        assertThat(step.revisionOf(1)).contains("r1");
        assertThat(step.revisionOf(2)).contains("r1");
        assertThat(s.bucketStatus(1).getPhase()).isEqualTo(BucketPhase.Pending);
        assertThat(step.events()).extracting(RolloutEvent::reason, RolloutEvent::message).containsExactly(org.assertj.core.groups.Tuple.tuple(
                Reason.Started, "rollout of revision r2 started over 3 buckets, lowest first"));
        assertThat(step.status().getMessage()).isEqualTo(
                "bucket 0 (dedicated-acme, edge-eu), 1 of 3: rolling out revision r2; waiting for its deployments to be Ready");
        assertThat(step.requeueAfter()).contains(TEN_SECONDS);
    }

    @Test
    void aBucketBakesOnceEveryDeploymentIsReadyAtTheRevision() {
        s.step("r2");
        s.converge();
        s.advance(TEN_SECONDS);

        RolloutStep step = s.step("r2");

        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Baking);
        assertThat(s.bucketStatus(0).getReadySince()).isEqualTo(T0.plusSeconds(10).toString());
        assertThat(step.status().getMessage()).isEqualTo(
                "bucket 0 (dedicated-acme, edge-eu), 1 of 3: every deployment Ready at revision r2; baking 300 s with the gate passing");
        assertThat(step.events()).isEmpty();
    }

    @Test
    void aBucketWithOneOfTwoDeploymentsNotReadyKeepsProgressingAndLosesItsBakeWhenOneFalls() {
        s.step("r2");
        s.deployment("dedicated-acme", true, "r2");
        s.deployment("edge-eu", true, "r1");
        s.advance(TEN_SECONDS);
        s.step("r2");
        assertThat(s.bucketStatus(0).getPhase()).as("edge-eu still runs r1").isEqualTo(BucketPhase.Progressing);

        s.deployment("edge-eu", false, "r2");
        s.advance(TEN_SECONDS);
        s.step("r2");
        assertThat(s.bucketStatus(0).getPhase()).as("edge-eu runs r2 but is not Ready").isEqualTo(BucketPhase.Progressing);

        s.deployment("edge-eu", true, "r2");
        s.advance(TEN_SECONDS);
        s.step("r2");
        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Baking);

        s.deployment("dedicated-acme", false, "r2");
        s.advance(TEN_SECONDS);
        RolloutStep step = s.step("r2");
        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Progressing);
        assertThat(s.bucketStatus(0).getReadySince()).isNull();
        assertThat(step.status().getMessage()).isEqualTo(
                "bucket 0 (dedicated-acme, edge-eu): dedicated-acme no longer Ready at revision r2; the bake starts again once every deployment is");
    }

    @Test
    void passingBucketsArePromotedOneByOneToCompletion() {
        s.everyWindow(GOOD);
        List<String> seen = new ArrayList<>();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 200 && (s.status.getPhase() != RolloutPhase.Completed || !"r2".equals(s.status.getRevision())); i++) {
            s.step("r2");
            s.converge();
            s.last.events().forEach(e -> events.add(s.clock.instant() + " " + e.reason() + ": " + e.message()));
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(s.status.getBucket())) {
                seen.add(s.status.getBucket());
            }
            s.advance(TEN_SECONDS);
        }

        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Completed);
        assertThat(s.status.getStableRevision()).isEqualTo("r2");
        assertThat(s.status.getBuckets()).allSatisfy(b -> {
            assertThat(b.getRevision()).isEqualTo("r2");
            assertThat(b.getPreviousRevision()).isEqualTo("r1");
            assertThat(b.getPhase()).isEqualTo(BucketPhase.Passed);
        });
        assertThat(seen).containsExactly("1/3", "2/3", "3/3");
        // each bucket: started, Ready and read 10 s later, baked 300 s from then
        assertThat(events).containsExactly(
                "2026-11-23T10:00:00Z Started: rollout of revision r2 started over 3 buckets, lowest first",
                "2026-11-23T10:05:10Z Promoted: bucket 0 (dedicated-acme, edge-eu) passed: ratio 0.9950 at or above the allowed 0.9850 after baking "
                        + "300 s; bucket 1 (edge-us) is next",
                "2026-11-23T10:10:20Z Promoted: bucket 1 (edge-us) passed: ratio 0.9950 at or above the allowed 0.9850 after baking 300 s; "
                        + "bucket 2 (backup-usw2, primary-use1) is next",
                "2026-11-23T10:15:30Z Completed: revision r2 runs in every bucket (3)");
        assertThat(s.last.requeueAfter()).isEmpty();
    }

    @Test
    void whileBakingTheCallerIsAskedBackAtTheNextReadingOrWhenTheBakeEnds() {
        RolloutScenario baking = bucketZeroBakingR2();
        assertThat(baking.last.requeueAfter()).contains(TEN_SECONDS);
        assertThat(RolloutMachine.nextEvaluationAt(baking.status, baking.settings, baking.clock.instant()))
                .contains(baking.clock.instant().plusSeconds(10));

        baking.advance(Duration.ofSeconds(4));
        assertThat(RolloutMachine.nextEvaluationAt(baking.status, baking.settings, baking.clock.instant()))
                .as("a reading given before then is not taken").contains(T0.plusSeconds(20));
        baking.window(0, BAD);
        baking.step("r2");
        assertThat(baking.bucketStatus(0).getFailedWindows()).isZero();
        assertThat(baking.bucketStatus(0).getVerdict()).isEqualTo(Verdict.Pass);
        assertThat(baking.last.requeueAfter()).contains(Duration.ofSeconds(6));

        baking.settings = new RolloutSettings(Duration.ofSeconds(15), baking.settings.window(), Duration.ofSeconds(30),
                baking.settings.minOutcomes(), baking.settings.allowance(), baking.settings.baseline(), baking.settings.baselineWindow(), null,
                2, true, false, false, baking.settings.progressDeadline());
        baking.window(0, GOOD);
        baking.step("r2");
        assertThat(baking.last.requeueAfter()).as("the bake ends 11 s from now, before the next reading").contains(Duration.ofSeconds(11));
    }

    @Test
    void inconclusiveWindowsNeverPassAndSaySo() {
        s.step("r2");
        s.converge();
        s.window(0, counts(40, 10));
        s.run("r2", Duration.ofSeconds(590)); // within the progress deadline (RolloutDeadlineTest: past it, the rollout halts)

        RolloutBucketStatus first = s.bucketStatus(0);
        assertThat(first.getPhase()).isEqualTo(BucketPhase.Baking);
        assertThat(first.getVerdict()).isEqualTo(Verdict.Inconclusive);
        assertThat(first.getOutcomes()).isEqualTo(50L);
        assertThat(first.getRatio()).isEqualTo("0.8000");
        assertThat(first.getAllowed()).isEqualTo("0.9850");
        assertThat(first.getFailedWindows()).as("an inconclusive window is no failure either").isZero();
        assertThat(s.bucketStatus(1).getRevision()).isEqualTo("r1");
        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Progressing);
        assertThat(s.status.getMessage()).isEqualTo("waiting: bucket 0 (dedicated-acme, edge-eu): needs 100 outcomes over 60 s, saw 50");
    }

    @Test
    void anInconclusiveWindowLeavesTheFailedCountAsItWas() {
        RolloutScenario baking = bucketZeroBakingR2();
        baking.window(0, BAD);
        baking.advance(TEN_SECONDS);
        baking.step("r2");
        baking.window(0, counts(10, 0));
        baking.advance(TEN_SECONDS);
        baking.step("r2");

        assertThat(baking.bucketStatus(0).getFailedWindows()).isEqualTo(1);
        assertThat(baking.bucketStatus(0).getVerdict()).isEqualTo(Verdict.Inconclusive);
        assertThat(baking.status.getPhase()).isEqualTo(RolloutPhase.Progressing);
    }

    @Test
    void oneFailingWindowBelowTheThresholdDoesNotHaltAndAPassResetsTheCount() {
        RolloutScenario baking = bucketZeroBakingR2();
        baking.window(0, BAD);
        baking.advance(TEN_SECONDS);
        RolloutStep failed = baking.step("r2");

        assertThat(failed.status().getPhase()).isEqualTo(RolloutPhase.Progressing);
        assertThat(baking.bucketStatus(0).getFailedWindows()).isEqualTo(1);
        assertThat(baking.bucketStatus(0).getVerdict()).isEqualTo(Verdict.Fail);
        assertThat(baking.bucketStatus(0).getRatio()).isEqualTo("0.7010");
        assertThat(baking.bucketStatus(0).getOutcomes()).isEqualTo(1840L);
        assertThat(failed.status().getMessage()).isEqualTo("failing window 1 of 2: " + BAD_REASON);
        assertThat(failed.events()).isEmpty();

        baking.window(0, GOOD);
        baking.advance(TEN_SECONDS);
        baking.step("r2");
        assertThat(baking.bucketStatus(0).getFailedWindows()).isZero();
        assertThat(baking.bucketStatus(0).getVerdict()).isEqualTo(Verdict.Pass);
    }

    @Test
    void failingWindowsAtTheThresholdHaltAndRollTheBucketBack() {
        RolloutScenario baking = bucketZeroBakingR2();
        baking.window(0, BAD);
        baking.advance(TEN_SECONDS);
        baking.step("r2");
        baking.advance(TEN_SECONDS);
        RolloutStep halted = baking.step("r2");

        assertThat(halted.status().getPhase()).isEqualTo(RolloutPhase.Halted);
        RolloutBucketStatus first = baking.bucketStatus(0);
        assertThat(first.getPhase()).isEqualTo(BucketPhase.RolledBack);
        assertThat(first.getRevision()).isEqualTo("r1");
        assertThat(first.getFailedWindows()).isEqualTo(2);
        assertThat(halted.events()).extracting(RolloutEvent::reason, RolloutEvent::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Reason.Halted, "halted: " + BAD_REASON),
                org.assertj.core.groups.Tuple.tuple(Reason.RolledBack, "bucket 0 (dedicated-acme, edge-eu) rolled back from revision r2 to r1"));
        assertThat(halted.status().getMessage()).isEqualTo("halted: " + BAD_REASON
                + "; rolled back to revision r1, later buckets keep theirs; roll out a new revision, or retry this one");
        assertThat(halted.status().getBucket()).isEqualTo("1/3");
        assertThat(halted.requeueAfter()).isEmpty();
        assertThat(Reason.Halted.type()).isEqualTo("Warning");
    }

    @Test
    void withoutAutoRollbackAHaltedBucketKeepsTheRevision() {
        RolloutScenario baking = bucketZeroBakingR2();
        baking.settings = withAutoRollback(baking.settings, false);
        baking.window(0, BAD);
        baking.advance(TEN_SECONDS);
        baking.step("r2");
        baking.advance(TEN_SECONDS);
        RolloutStep halted = baking.step("r2");

        assertThat(halted.status().getPhase()).isEqualTo(RolloutPhase.Halted);
        assertThat(baking.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Halted);
        assertThat(baking.bucketStatus(0).getRevision()).isEqualTo("r2");
        assertThat(halted.events()).extracting(RolloutEvent::reason).containsExactly(Reason.Halted);
        assertThat(halted.status().getMessage()).isEqualTo("halted: " + BAD_REASON + "; the bucket keeps revision r2 "
                + "(spec.rollout.autoRollback is false), later buckets keep theirs; roll out a new revision, or retry this one");
    }

    @Test
    void laterBucketsNeverGetTheRevisionOfAHaltedRollout() {
        RolloutScenario baking = bucketZeroBakingR2();
        baking.window(0, BAD);
        baking.advance(TEN_SECONDS);
        baking.step("r2");
        baking.advance(TEN_SECONDS);
        baking.step("r2");
        RolloutStatus halted = baking.status;

        baking.everyWindow(GOOD);
        baking.converge();
        baking.run("r2", Duration.ofHours(1));

        assertThat(baking.status).as("nothing moves until a new revision or a retry").isEqualTo(halted);
        assertThat(baking.last.revisionOf(1)).contains("r1");
        assertThat(baking.last.revisionOf(2)).contains("r1");
        assertThat(baking.last.events()).isEmpty();
    }

    @Test
    void aRevisionThatBucketsAlreadyRunPassesThemAtOnce() {
        s.everyWindow(GOOD);
        s.step("r2");
        s.converge();
        s.run("r2", Duration.ofSeconds(320));
        assertThat(s.bucketStatus(1).getRevision()).as("bucket 1 got r2").isEqualTo("r2");

        s.step("r1");
        s.converge();
        s.run("r1", Duration.ofSeconds(320));

        assertThat(s.status.getPhase()).as("bucket 2 never left r1: only buckets 0 and 1 bake")
                .isEqualTo(RolloutPhase.Progressing);
        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Passed);
        assertThat(s.bucketStatus(1).getPhase()).isEqualTo(BucketPhase.Baking);
        s.run("r1", Duration.ofSeconds(320));
        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Completed);
        assertThat(s.status.getStableRevision()).isEqualTo("r1");
    }

    @Test
    void anUnchangedObservationGivesAnEqualStatusAndNoEvents() {
        RolloutScenario baking = bucketZeroBakingR2();
        RolloutStatus before = baking.status;

        RolloutStep again = baking.step("r2");

        assertThat(again.status()).isEqualTo(before);
        assertThat(again.events()).isEmpty();
    }

    @Test
    void aStepNeverChangesTheStatusItWasGiven() {
        RolloutScenario baking = bucketZeroBakingR2();
        RolloutStatus given = baking.status;
        String before = new io.fabric8.kubernetes.client.utils.KubernetesSerialization().asJson(given);
        baking.window(0, BAD);

        RolloutMachine.step(given, baking.input("r3"), baking.clock.instant().plusSeconds(30));

        assertThat(new io.fabric8.kubernetes.client.utils.KubernetesSerialization().asJson(given)).isEqualTo(before);
    }

    @Test
    void noBucketIsGatedOnceTheRolloutIsCompleteOrHalted() {
        assertThat(RolloutMachine.nextEvaluationAt(s.status, s.settings, s.clock.instant())).isEqualTo(Optional.empty());
        assertThat(RolloutMachine.nextEvaluationAt(null, s.settings, s.clock.instant())).isEmpty();
    }

    static RolloutSettings withAutoRollback(RolloutSettings s, boolean autoRollback) {
        return new RolloutSettings(s.bake(), s.window(), s.interval(), s.minOutcomes(), s.allowance(), s.baseline(), s.baselineWindow(),
                s.floor(), s.failedWindowsToHalt(), autoRollback, s.paused(), s.skipBuckets(), s.progressDeadline());
    }

    static RolloutSettings withPaused(RolloutSettings s, boolean paused) {
        return new RolloutSettings(s.bake(), s.window(), s.interval(), s.minOutcomes(), s.allowance(), s.baseline(), s.baselineWindow(),
                s.floor(), s.failedWindowsToHalt(), s.autoRollback(), paused, s.skipBuckets(), s.progressDeadline());
    }

    static RolloutSettings withSkipBuckets(RolloutSettings s, boolean skip) {
        return new RolloutSettings(s.bake(), s.window(), s.interval(), s.minOutcomes(), s.allowance(), s.baseline(), s.baselineWindow(),
                s.floor(), s.failedWindowsToHalt(), s.autoRollback(), s.paused(), skip, s.progressDeadline());
    }
}
