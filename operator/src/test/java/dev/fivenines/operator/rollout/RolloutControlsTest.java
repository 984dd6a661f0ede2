package dev.fivenines.operator.rollout;

import static dev.fivenines.operator.rollout.RolloutMachineTest.BAD;
import static dev.fivenines.operator.rollout.RolloutMachineTest.GOOD;
import static dev.fivenines.operator.rollout.RolloutMachineTest.bucketZeroBakingR2;
import static dev.fivenines.operator.rollout.RolloutMachineTest.threeBucketsOnR1;
import static dev.fivenines.operator.rollout.RolloutMachineTest.withPaused;
import static dev.fivenines.operator.rollout.RolloutMachineTest.withSkipBuckets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.BucketPhase;
import dev.fivenines.api.v1alpha1.RolloutBucketStatus;
import dev.fivenines.api.v1alpha1.RolloutPhase;
import dev.fivenines.api.v1alpha1.RolloutStatus;
import dev.fivenines.operator.rollout.RolloutEvent.Reason;

/** What people do to a rollout (pause, skip, abort, retry, a newer revision) and buckets that come and go. */
class RolloutControlsTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    /** Bucket 0 passed r2 and bucket 1 bakes it. */
    private static RolloutScenario bucketOneBakingR2() {
        RolloutScenario s = threeBucketsOnR1();
        s.everyWindow(GOOD);
        s.step("r2");
        s.converge();
        s.run("r2", Duration.ofSeconds(320));
        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Passed);
        assertThat(s.bucketStatus(1).getPhase()).isEqualTo(BucketPhase.Baking);
        return s;
    }

    private static void failTwice(RolloutScenario s, int bucket) {
        s.window(bucket, BAD);
        s.advance(TEN_SECONDS);
        s.step(s.status.getRevision());
        s.advance(TEN_SECONDS);
        s.step(s.status.getRevision());
        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Halted);
    }

    // --- pause ----------------------------------------------------------------------------------------------------

    @Test
    void whilePausedANewRevisionStartsNoBucket() {
        RolloutScenario s = threeBucketsOnR1();
        s.settings = withPaused(s.settings, true);

        RolloutStep step = s.step("r2");

        assertThat(step.status().getPhase()).isEqualTo(RolloutPhase.Paused);
        assertThat(step.status().getRevision()).isEqualTo("r2");
        assertThat(step.revisionOf(0)).contains("r1");
        assertThat(step.status().getMessage()).isEqualTo("paused: bucket 0 (dedicated-acme, edge-eu) starts when spec.rollout.paused is false");
        assertThat(step.events()).extracting(RolloutEvent::reason).containsExactly(Reason.Started, Reason.Paused);
        assertThat(step.requeueAfter()).isEmpty();

        s.settings = withPaused(s.settings, false);
        RolloutStep resumed = s.step("r2");
        assertThat(resumed.status().getPhase()).isEqualTo(RolloutPhase.Progressing);
        assertThat(resumed.revisionOf(0)).contains("r2");
        assertThat(resumed.events()).extracting(RolloutEvent::reason, RolloutEvent::message)
                .containsExactly(tuple(Reason.Resumed, "spec.rollout.paused is false: the rollout of revision r2 goes on"));
    }

    @Test
    void pausingKeepsTheBucketInProgressAndHoldsTheNextUntilResumed() {
        RolloutScenario s = bucketZeroBakingR2();
        s.settings = withPaused(s.settings, true);
        s.everyWindow(GOOD);
        s.advance(TEN_SECONDS);
        RolloutStep paused = s.step("r2");
        assertThat(paused.status().getPhase()).isEqualTo(RolloutPhase.Paused);
        assertThat(paused.events()).extracting(RolloutEvent::message).containsExactly(
                "spec.rollout.paused: no bucket starts; bucket 0 (dedicated-acme, edge-eu) keeps revision r2 and its gate is still read");
        assertThat(s.bucketStatus(0).getLastWindowAt()).as("the gate is still read").isEqualTo(s.clock.instant().toString());

        s.run("r2", Duration.ofSeconds(600));

        assertThat(s.bucketStatus(0).getPhase()).as("bucket 0 passed its bake").isEqualTo(BucketPhase.Passed);
        assertThat(s.bucketStatus(1).getPhase()).isEqualTo(BucketPhase.Pending);
        assertThat(s.bucketStatus(1).getRevision()).isEqualTo("r1");
        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Paused);
        assertThat(s.status.getBucket()).isEqualTo("2/3");

        s.settings = withPaused(s.settings, false);
        RolloutStep resumed = s.step("r2");
        assertThat(resumed.revisionOf(1)).contains("r2");
        assertThat(resumed.status().getPhase()).isEqualTo(RolloutPhase.Progressing);
        assertThat(resumed.events()).extracting(RolloutEvent::reason).containsExactly(Reason.Resumed);
    }

    @Test
    void aFailingGateHaltsEvenWhilePaused() {
        RolloutScenario s = bucketZeroBakingR2();
        s.settings = withPaused(s.settings, true);

        failTwice(s, 0);

        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.RolledBack);
        assertThat(s.reasons()).containsExactly("Halted", "RolledBack");
    }

    // --- a newer revision -----------------------------------------------------------------------------------------

    @Test
    void aNewerRevisionMidRolloutStartsAFreshRolloutFromTheLowestBucket() {
        RolloutScenario s = bucketOneBakingR2();

        RolloutStep step = s.step("r3");

        assertThat(step.status().getRevision()).isEqualTo("r3");
        assertThat(step.status().getStableRevision()).isEqualTo("r1");
        assertThat(step.status().getBuckets()).extracting(RolloutBucketStatus::getBucket, RolloutBucketStatus::getRevision,
                RolloutBucketStatus::getPreviousRevision, RolloutBucketStatus::getPhase).containsExactly(
                        tuple(0, "r3", "r2", BucketPhase.Progressing),
                        tuple(1, "r2", "r1", BucketPhase.Pending),
                        tuple(2, "r1", "r1", BucketPhase.Pending));
        assertThat(step.events()).extracting(RolloutEvent::message).containsExactly(
                "rollout of revision r3 started over 3 buckets, lowest first, replacing the rollout of revision r2");
        assertThat(step.status().getBucket()).isEqualTo("1/3");
    }

    @Test
    void aBucketCaughtMidWayByANewerRevisionRollsBackToWhatItRanBeforeThat() {
        RolloutScenario s = bucketOneBakingR2();
        s.step("r3");
        s.converge();
        s.run("r3", Duration.ofSeconds(320));
        assertThat(s.bucketStatus(1).getRevision()).isEqualTo("r3");

        s.run("r3", Duration.ofSeconds(10));
        failTwice(s, 1);

        assertThat(s.bucketStatus(1).getRevision()).as("r2 never finished its turn in bucket 1").isEqualTo("r1");
    }

    @Test
    void aNewerRevisionAfterAHaltStartsAFreshRollout() {
        RolloutScenario s = bucketOneBakingR2();
        failTwice(s, 1);
        assertThat(s.bucketStatus(1).getRevision()).isEqualTo("r1");

        RolloutStep step = s.step("r3");

        assertThat(step.status().getPhase()).isEqualTo(RolloutPhase.Progressing);
        assertThat(step.status().getBuckets()).extracting(RolloutBucketStatus::getRevision, RolloutBucketStatus::getPreviousRevision,
                RolloutBucketStatus::getPhase, RolloutBucketStatus::getFailedWindows).containsExactly(
                        tuple("r3", "r2", BucketPhase.Progressing, 0),
                        tuple("r1", "r1", BucketPhase.Pending, 0),
                        tuple("r1", "r1", BucketPhase.Pending, 0));
        assertThat(step.events()).extracting(RolloutEvent::reason).containsExactly(Reason.Started);
    }

    // --- skip -----------------------------------------------------------------------------------------------------

    @Test
    void skipBucketsSendsTheRevisionToEveryBucketAtOnceAndCompletesWhenAllAreReady() {
        RolloutScenario s = threeBucketsOnR1();
        s.settings = withSkipBuckets(s.settings, true);

        RolloutStep step = s.step("r2");

        assertThat(step.status().getSkippedBuckets()).isTrue();
        assertThat(step.status().getPhase()).isEqualTo(RolloutPhase.Progressing);
        assertThat(step.status().getBuckets()).extracting(RolloutBucketStatus::getRevision, RolloutBucketStatus::getPreviousRevision,
                RolloutBucketStatus::getPhase).containsOnly(tuple("r2", "r1", BucketPhase.Progressing));
        assertThat(step.events()).extracting(RolloutEvent::reason, RolloutEvent::message).containsExactly(
                tuple(Reason.Started, "rollout of revision r2 started over 3 buckets, lowest first"),
                tuple(Reason.Skipped, "spec.rollout.skipBuckets: revision r2 goes to every bucket at once (3), without the gate"));
        assertThat(step.status().getMessage()).isEqualTo(
                "skipping buckets (spec.rollout.skipBuckets): revision r2 goes to every bucket at once; 0 of 3 buckets Ready");
        assertThat(step.status().getBucket()).isEqualTo("3/3");

        s.converge();
        s.deployment("edge-us", false, "r2");
        s.advance(TEN_SECONDS);
        assertThat(s.step("r2").status().getMessage()).endsWith("; 2 of 3 buckets Ready");

        s.converge();
        s.advance(TEN_SECONDS);
        RolloutStep done = s.step("r2");
        assertThat(done.status().getPhase()).isEqualTo(RolloutPhase.Completed);
        assertThat(done.status().getStableRevision()).isEqualTo("r2");
        assertThat(done.status().getSkippedBuckets()).as("recorded for this revision").isTrue();
        assertThat(done.events()).extracting(RolloutEvent::message)
                .containsExactly("revision r2 runs in every bucket (3), every bucket at once (spec.rollout.skipBuckets)");
    }

    @Test
    void skipBucketsSetMidRolloutSendsTheRevisionToTheRemainingBuckets() {
        RolloutScenario s = bucketOneBakingR2();
        s.settings = withSkipBuckets(s.settings, true);

        RolloutStep step = s.step("r2");

        assertThat(step.status().getBuckets()).extracting(RolloutBucketStatus::getRevision).containsOnly("r2");
        assertThat(step.status().getSkippedBuckets()).isTrue();
        assertThat(step.events()).extracting(RolloutEvent::reason).containsExactly(Reason.Skipped);
    }

    @Test
    void aNewRevisionWithoutSkipBucketsGoesBucketByBucketAgain() {
        RolloutScenario s = threeBucketsOnR1();
        s.settings = withSkipBuckets(s.settings, true);
        s.step("r2");
        s.converge();
        s.step("r2");
        s.settings = withSkipBuckets(s.settings, false);

        RolloutStep step = s.step("r3");

        assertThat(step.status().getSkippedBuckets()).isFalse();
        assertThat(step.status().getBuckets()).extracting(RolloutBucketStatus::getRevision).containsExactly("r3", "r2", "r2");
    }

    // --- abort and retry ------------------------------------------------------------------------------------------

    @Test
    void abortRollsBackEveryBucketOnTheRevisionAndHalts() {
        RolloutScenario s = bucketOneBakingR2();
        s.abort = true;

        RolloutStep step = s.step("r2");

        assertThat(step.status().getPhase()).isEqualTo(RolloutPhase.Halted);
        assertThat(step.status().getBuckets()).extracting(RolloutBucketStatus::getRevision, RolloutBucketStatus::getPhase).containsExactly(
                tuple("r1", BucketPhase.RolledBack), tuple("r1", BucketPhase.RolledBack), tuple("r1", BucketPhase.Pending));
        assertThat(step.events()).extracting(RolloutEvent::reason, RolloutEvent::message).containsExactly(
                tuple(Reason.Aborted, "aborted by hand: buckets 0, 1 rolled back from revision r2; roll out a new revision, or retry this one"),
                tuple(Reason.RolledBack, "bucket 0 (dedicated-acme, edge-eu) rolled back from revision r2 to r1"),
                tuple(Reason.RolledBack, "bucket 1 (edge-us) rolled back from revision r2 to r1"));

        RolloutStatus aborted = step.status();
        RolloutStep again = s.step("r2");
        assertThat(again.status()).as("an abort left in place does nothing more").isEqualTo(aborted);
        assertThat(again.events()).isEmpty();
    }

    @Test
    void abortAfterAHaltWithoutRollbackRollsBackTheHaltedBucketToo() {
        RolloutScenario s = bucketOneBakingR2();
        s.settings = RolloutMachineTest.withAutoRollback(s.settings, false);
        failTwice(s, 1);
        assertThat(s.bucketStatus(1).getRevision()).isEqualTo("r2");
        s.abort = true;

        RolloutStep step = s.step("r2");

        assertThat(step.status().getBuckets()).extracting(RolloutBucketStatus::getRevision).containsExactly("r1", "r1", "r1");
        assertThat(step.events()).extracting(RolloutEvent::reason).containsExactly(Reason.Aborted, Reason.RolledBack, Reason.RolledBack);
    }

    @Test
    void abortOfACompletedRolloutDoesNothing() {
        RolloutScenario s = threeBucketsOnR1();
        RolloutStatus completed = s.status;
        s.abort = true;

        RolloutStep step = s.step("r1");

        assertThat(step.status()).isEqualTo(completed);
        assertThat(step.events()).isEmpty();
    }

    @Test
    void retryStartsTheHaltedBucketAgainKeepingItsBaseline() {
        RolloutScenario s = bucketOneBakingR2();
        failTwice(s, 1);
        s.converge();
        s.retry = true;

        RolloutStep step = s.step("r2");

        assertThat(step.status().getPhase()).isEqualTo(RolloutPhase.Progressing);
        RolloutBucketStatus retried = s.bucketStatus(1);
        assertThat(retried.getRevision()).isEqualTo("r2");
        assertThat(retried.getPreviousRevision()).isEqualTo("r1");
        assertThat(retried.getPhase()).isEqualTo(BucketPhase.Progressing);
        assertThat(retried.getFailedWindows()).isZero();
        assertThat(retried.getVerdict()).isNull();
        assertThat(retried.getBaseline()).isEqualTo("0.9950");
        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Passed);
        assertThat(step.events()).extracting(RolloutEvent::reason, RolloutEvent::message).containsExactly(tuple(Reason.Retried,
                "bucket 1 (edge-us), 2 of 3: retrying revision r2; waiting for its deployments to be Ready"));

        s.retry = false;
        s.everyWindow(GOOD);
        s.converge();
        s.run("r2", Duration.ofSeconds(700));
        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Completed);
    }

    @Test
    void retryAfterAnAbortStartsAgainFromTheLowestBucketRolledBack() {
        RolloutScenario s = bucketOneBakingR2();
        s.abort = true;
        s.step("r2");
        s.converge();
        s.abort = false;
        s.retry = true;

        RolloutStep step = s.step("r2");

        assertThat(step.status().getBuckets()).extracting(RolloutBucketStatus::getRevision, RolloutBucketStatus::getPhase).containsExactly(
                tuple("r2", BucketPhase.Progressing), tuple("r1", BucketPhase.Pending), tuple("r1", BucketPhase.Pending));
        assertThat(step.status().getBucket()).isEqualTo("1/3");
    }

    @Test
    void retryIsIgnoredUnlessTheRolloutIsHalted() {
        RolloutScenario s = bucketOneBakingR2();
        s.step("r2");
        RolloutStatus before = s.status;
        s.retry = true;

        RolloutStep step = s.step("r2");

        assertThat(step.status()).isEqualTo(before);
        assertThat(step.events()).isEmpty();
    }

    // --- buckets that come and go ---------------------------------------------------------------------------------

    @Test
    void aBucketNotYetReachedJoinsOnTheStableRevisionAndOneAlreadyPassedOnTheNewOne() {
        RolloutScenario s = new RolloutScenario().bucket(1, "a").bucket(2, "b").bucket(3, "c");
        s.step("r1");
        s.converge();
        s.everyRecent(RolloutScenario.counts(9950, 50));
        s.everyWindow(GOOD);
        s.step("r2");
        s.converge();
        s.run("r2", Duration.ofSeconds(320));
        assertThat(s.status.getBucket()).isEqualTo("2/3");

        s.bucket(0, "late-passed").bucket(9, "late-pending");
        RolloutStep step = s.step("r2");

        assertThat(step.status().getBuckets()).extracting(RolloutBucketStatus::getBucket, RolloutBucketStatus::getRevision,
                RolloutBucketStatus::getPhase).containsExactly(
                        tuple(0, "r2", BucketPhase.Passed),
                        tuple(1, "r2", BucketPhase.Passed),
                        tuple(2, "r2", BucketPhase.Baking),
                        tuple(3, "r1", BucketPhase.Pending),
                        tuple(9, "r1", BucketPhase.Pending));
        assertThat(step.status().getBucket()).isEqualTo("3/5");
    }

    @Test
    void aDeploymentJoiningTheBakingBucketMustBeReadyBeforeTheBakeGoesOn() {
        RolloutScenario s = bucketZeroBakingR2();
        s.bucket(0, "edge-ap");

        s.step("r2");

        assertThat(s.bucketStatus(0).getDeployments()).containsExactly("dedicated-acme", "edge-ap", "edge-eu");
        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Progressing);
        assertThat(s.last.revisionOf(0)).contains("r2");
    }

    @Test
    void whenTheBucketInProgressDisappearsTheNextOneStarts() {
        RolloutScenario s = bucketOneBakingR2();
        s.remove(1);

        RolloutStep step = s.step("r2");

        assertThat(step.status().getBuckets()).extracting(RolloutBucketStatus::getBucket, RolloutBucketStatus::getRevision,
                RolloutBucketStatus::getPhase).containsExactly(tuple(0, "r2", BucketPhase.Passed), tuple(2, "r2", BucketPhase.Progressing));
        assertThat(step.status().getBucket()).isEqualTo("2/2");

        s.remove(2);
        RolloutStep last = s.step("r2");
        assertThat(last.status().getPhase()).isEqualTo(RolloutPhase.Completed);
        assertThat(last.status().getStableRevision()).isEqualTo("r2");
    }

    @Test
    void aBucketJoiningACompletedRolloutRunsTheStableRevision() {
        RolloutScenario s = threeBucketsOnR1();
        s.bucket(7, "new-edge");

        RolloutStep step = s.step("r1");

        assertThat(step.revisionOf(7)).contains("r1");
        assertThat(step.status().getPhase()).isEqualTo(RolloutPhase.Completed);
        assertThat(step.status().getBucket()).isEqualTo("4/4");
        assertThat(step.events()).isEmpty();
    }
}
