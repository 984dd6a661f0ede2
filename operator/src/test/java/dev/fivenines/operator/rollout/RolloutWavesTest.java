package dev.fivenines.operator.rollout;

import static dev.fivenines.operator.rollout.RolloutMachineTest.GOOD;
import static dev.fivenines.operator.rollout.RolloutMachineTest.threeBucketsOnR1;
import static dev.fivenines.operator.rollout.RolloutMachineTest.withPaused;
import static dev.fivenines.operator.rollout.RolloutMachineTest.withSkipBuckets;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.BucketPhase;
import dev.fivenines.api.v1alpha1.RolloutPhase;
import dev.fivenines.aws.WaveProgress;
import dev.fivenines.operator.rollout.EarlierWaves.EarlierRegion;
import dev.fivenines.operator.rollout.RolloutEvent.Reason;

/**
 * A region of the second wave (spec.rollout.waves): a bucket starts only once the first wave's region has passed it
 * at the same revision; a halt there holds every bucket here; a ledger that cannot be read holds too.
 */
class RolloutWavesTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final List<EarlierRegion> FIRST_WAVE = List.of(new EarlierRegion("us-east-1", 1));

    private RolloutScenario s;

    @BeforeEach
    void threeBuckets() {
        s = threeBucketsOnR1();
        s.everyWindow(GOOD);
    }

    private void earlier(String phase, Integer nextBucket, String message) {
        s.waves = new EarlierWaves("2/2", FIRST_WAVE,
                List.of(new WaveProgress("team/auth", "r2", "us-east-1", phase, nextBucket, message, RolloutScenario.T0)), null);
    }

    /** Steps every ten seconds, deployments converging, for the given time. */
    private void runFor(Duration howLong) {
        s.run("r2", howLong);
    }

    @Test
    void aBucketWaitsUntilTheEarlierWaveHasStartedAndPassedIt() {
        s.waves = new EarlierWaves("2/2", FIRST_WAVE, List.of(), null);

        RolloutStep step = s.step("r2");

        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Waiting);
        assertThat(s.bucketStatus(0).getRevision()).isEqualTo("r1");
        assertThat(step.status().getPhase()).isEqualTo(RolloutPhase.Progressing);
        assertThat(step.status().getWave()).isEqualTo("2/2");
        assertThat(step.status().getMessage()).isEqualTo("bucket 0 (dedicated-acme, edge-eu), 1 of 3: waiting for the earlier waves: "
                + "us-east-1 (wave 1) has not started revision r2");
        assertThat(step.events()).extracting(RolloutEvent::reason).containsExactly(Reason.Started, Reason.WaitingForWave);
        assertThat(s.last.revisionOf(0)).contains("r1");

        earlier("Progressing", 0, "bucket 0 …");
        step = s.step("r2");
        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Waiting);
        assertThat(step.status().getMessage()).endsWith("us-east-1 (wave 1) has not passed bucket 0 yet (Progressing, at bucket 0)");
        assertThat(step.events()).as("the wait was announced once").isEmpty();

        earlier("Progressing", 1, "bucket 1 …");
        step = s.step("r2");
        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Progressing);
        assertThat(s.bucketStatus(0).getRevision()).isEqualTo("r2");
        assertThat(s.bucketStatus(1).getPhase()).isEqualTo(BucketPhase.Pending);
        assertThat(s.last.revisionOf(1)).contains("r1");
    }

    @Test
    void theNextBucketWaitsForTheEarlierWaveAgainAndTheRolloutCompletesOnceItDid() {
        earlier("Progressing", 1, "");
        runFor(Duration.ofMinutes(8));

        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Passed);
        assertThat(s.bucketStatus(1).getPhase()).isEqualTo(BucketPhase.Waiting);
        assertThat(s.bucketStatus(1).getRevision()).isEqualTo("r1");
        assertThat(s.status.getBucket()).isEqualTo("2/3");

        earlier("Completed", null, "revision r2 runs in every bucket (3)");
        runFor(Duration.ofMinutes(12));

        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Completed);
        assertThat(s.status.getBuckets()).allSatisfy(b -> assertThat(b.getRevision()).isEqualTo("r2"));
    }

    @Test
    void aHaltInAnEarlierWaveHoldsEveryBucketHereAndSaysWhy() {
        earlier("Halted", 0, "bucket 0 (auth-canary): ratio 0.5000 over 60 s (400 outcomes) is below the allowed 0.9500");

        runFor(Duration.ofMinutes(10));

        assertThat(s.status.getBuckets()).allSatisfy(b -> assertThat(b.getRevision()).isEqualTo("r1"));
        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Waiting);
        assertThat(s.status.getMessage()).isEqualTo("bucket 0 (dedicated-acme, edge-eu), 1 of 3: revision r2 halted in us-east-1 (wave 1), "
                + "so it goes no further here: bucket 0 (auth-canary): ratio 0.5000 over 60 s (400 outcomes) is below the allowed 0.9500");
    }

    @Test
    void aLedgerThatCannotBeReadHoldsTheBucket() {
        s.waves = new EarlierWaves("2/2", FIRST_WAVE, List.of(), "table fivenines-auth in eu-west-1 does not exist.");

        s.step("r2");

        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Waiting);
        assertThat(s.status.getMessage()).endsWith("waiting for the earlier waves, whose progress cannot be read: "
                + "table fivenines-auth in eu-west-1 does not exist.");
    }

    @Test
    void theFirstWaveAndARolloutWithoutWavesNeverWait() {
        s.waves = new EarlierWaves("1/2", List.of(), List.of(), null);

        s.step("r2");

        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Progressing);
        assertThat(s.status.getWave()).isEqualTo("1/2");
    }

    @Test
    void anAbortWhileWaitingHaltsAndTheBucketIsPendingAgain() {
        s.waves = new EarlierWaves("2/2", FIRST_WAVE, List.of(), null);
        s.step("r2");
        s.abort = true;

        s.step("r2");

        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Halted);
        assertThat(s.bucketStatus(0).getPhase()).isEqualTo(BucketPhase.Pending);
        assertThat(s.bucketStatus(0).getRevision()).isEqualTo("r1");
    }

    @Test
    void pausedWhileWaitingIsPausedAndSkippingTheBucketsSkipsTheWavesToo() {
        s.waves = new EarlierWaves("2/2", FIRST_WAVE, List.of(), null);
        s.step("r2");
        s.settings = withPaused(s.settings, true);
        s.advance(TEN_SECONDS);
        assertThat(s.step("r2").status().getPhase()).isEqualTo(RolloutPhase.Paused);

        s.settings = withSkipBuckets(withPaused(s.settings, false), true);
        s.step("r2");
        s.converge();
        s.step("r2");

        assertThat(s.status.getPhase()).isEqualTo(RolloutPhase.Completed);
        assertThat(s.status.getSkippedBuckets()).isTrue();
    }
}
