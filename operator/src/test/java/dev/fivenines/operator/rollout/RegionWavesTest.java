package dev.fivenines.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.BucketPhase;
import dev.fivenines.api.v1alpha1.RolloutBucketStatus;
import dev.fivenines.api.v1alpha1.RolloutPhase;
import dev.fivenines.api.v1alpha1.RolloutSpec;
import dev.fivenines.api.v1alpha1.RolloutStatus;
import dev.fivenines.api.v1alpha1.RolloutWave;
import dev.fivenines.aws.WaveProgress;
import dev.fivenines.aws.memory.MemoryRolloutLedger;
import dev.fivenines.operator.Fixtures;

/** The region waves' reading and writing of the ledger (the in-memory fake, which follows the port's contract). */
class RegionWavesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final MemoryRolloutLedger ledger = new MemoryRolloutLedger().withTable("fivenines-auth", "us-east-1", "eu-west-1");

    private static AuthBlueprint blueprint(List<List<String>> waves) {
        AuthBlueprint blueprint = Fixtures.blueprint("team", "auth", "1.0.0");
        RolloutSpec rollout = new RolloutSpec();
        rollout.setWaves(waves.stream().map(RolloutWave::new).toList());
        blueprint.getSpec().setRollout(rollout);
        return blueprint;
    }

    private static RolloutStatus status(String revision, RolloutPhase phase, BucketPhase... buckets) {
        RolloutStatus status = new RolloutStatus();
        status.setRevision(revision);
        status.setPhase(phase);
        status.setMessage(phase + " message");
        List<RolloutBucketStatus> list = new java.util.ArrayList<>();
        for (int i = 0; i < buckets.length; i++) {
            RolloutBucketStatus bucket = new RolloutBucketStatus();
            bucket.setBucket(i);
            bucket.setPhase(buckets[i]);
            list.add(bucket);
        }
        status.setBuckets(list);
        return status;
    }

    private RegionWaves in(String region) {
        return new RegionWaves(Optional.of(region), false, true, ledger);
    }

    private static final List<List<String>> TWO_WAVES = List.of(List.of("us-east-1"), List.of("eu-west-1"));

    @Test
    void theFirstWavePublishesItsProgressAndTheSecondReadsIt() {
        AuthBlueprint blueprint = blueprint(TWO_WAVES);
        RegionWaves east = in("us-east-1");
        RegionWaves west = in("eu-west-1");

        assertThat(east.earlier(blueprint, "r2", status("r1", RolloutPhase.Completed)).regions()).isEmpty();
        assertThat(east.publish(blueprint, status("r2", RolloutPhase.Progressing, BucketPhase.Passed, BucketPhase.Baking), NOW)).isEmpty();

        EarlierWaves seen = west.earlier(blueprint, "r2", status("r1", RolloutPhase.Completed));
        assertThat(seen.position()).isEqualTo("2/2");
        assertThat(seen.progress()).singleElement().satisfies(p -> {
            assertThat(p.rollout()).isEqualTo("team/auth");
            assertThat(p.region()).isEqualTo("us-east-1");
            assertThat(p.phase()).isEqualTo("Progressing");
            assertThat(p.nextBucket()).isEqualTo(1);
        });
        assertThat(seen.hold(0, "r2")).isEmpty();
        assertThat(seen.hold(1, "r2")).contains("waiting for the earlier waves: us-east-1 (wave 1) has not passed bucket 1 yet (Progressing, at bucket 1)");
    }

    @Test
    void aStepThatChangesNothingIsNotWrittenAgain() {
        AuthBlueprint blueprint = blueprint(TWO_WAVES);
        RegionWaves east = in("us-east-1");
        east.publish(blueprint, status("r2", RolloutPhase.Progressing, BucketPhase.Progressing), NOW);
        // a write behind the operator's back: an unchanged step must not overwrite it
        WaveProgress foreign = new WaveProgress("team/auth", "r2", "us-east-1", "Halted", 0, "by hand", NOW);
        ledger.record("us-east-1", "fivenines-auth", foreign);

        east.publish(blueprint, status("r2", RolloutPhase.Progressing, BucketPhase.Progressing), NOW.plusSeconds(10));
        assertThat(ledger.read("us-east-1", "fivenines-auth", "team/auth", "r2")).containsExactly(foreign);

        east.publish(blueprint, status("r2", RolloutPhase.Completed, BucketPhase.Passed), NOW.plusSeconds(20));
        assertThat(ledger.read("us-east-1", "fivenines-auth", "team/auth", "r2")).singleElement()
                .satisfies(p -> assertThat(p.phase()).isEqualTo("Completed")).satisfies(p -> assertThat(p.nextBucket()).isNull());
    }

    @Test
    void aRegionInNoWaveGoesLastAndWaitsForEveryListedRegion() {
        RegionWaves other = new RegionWaves(Optional.of("ap-southeast-2"), false, true,
                new MemoryRolloutLedger().withTable("fivenines-auth", "ap-southeast-2"));

        EarlierWaves seen = other.earlier(blueprint(TWO_WAVES), "r2", status("r1", RolloutPhase.Completed));

        assertThat(seen.position()).isEqualTo("last (ap-southeast-2 is in no wave)");
        assertThat(seen.regions()).containsExactly(new EarlierWaves.EarlierRegion("us-east-1", 1), new EarlierWaves.EarlierRegion("eu-west-1", 2));
        assertThat(seen.hold(0, "r2")).contains("waiting for the earlier waves: us-east-1 (wave 1) has not started revision r2; "
                + "eu-west-1 (wave 2) has not started revision r2");
    }

    @Test
    void withoutTheTableOrWithAwsOffTheLaterWaveHoldsAndSaysWhy() {
        AuthBlueprint blueprint = blueprint(TWO_WAVES);
        RegionWaves noTable = new RegionWaves(Optional.of("eu-west-1"), false, true, new MemoryRolloutLedger());
        assertThat(noTable.earlier(blueprint, "r2", status("r1", RolloutPhase.Completed)).hold(0, "r2").orElseThrow())
                .startsWith("waiting for the earlier waves, whose progress cannot be read: table fivenines-auth in eu-west-1 does not exist");
        assertThat(noTable.publish(blueprint, status("r2", RolloutPhase.Progressing, BucketPhase.Pending), NOW)).isPresent();

        RegionWaves awsOff = new RegionWaves(Optional.of("eu-west-1"), false, false, ledger);
        assertThat(awsOff.earlier(blueprint, "r2", status("r1", RolloutPhase.Completed)).hold(0, "r2").orElseThrow())
                .contains("this operator runs with AWS off (fivenines.aws.enabled=false)");
        assertThat(awsOff.publish(blueprint, status("r2", RolloutPhase.Progressing, BucketPhase.Pending), NOW)).isEmpty();
        assertThat(ledger.read("eu-west-1", "fivenines-auth", "team/auth", "r2")).isEmpty();
    }

    @Test
    void withoutWavesOrInSingleClusterModeNothingIsReadOrWritten() {
        RegionWaves single = new RegionWaves(Optional.empty(), true, true, ledger);
        assertThat(single.earlier(blueprint(TWO_WAVES), "r2", status("r1", RolloutPhase.Completed))).isEqualTo(EarlierWaves.NONE);
        single.publish(blueprint(TWO_WAVES), status("r2", RolloutPhase.Progressing, BucketPhase.Pending), NOW);

        RegionWaves west = in("eu-west-1");
        assertThat(west.earlier(blueprint(List.of()), "r2", status("r1", RolloutPhase.Completed))).isEqualTo(EarlierWaves.NONE);
        west.publish(blueprint(List.of()), status("r2", RolloutPhase.Progressing, BucketPhase.Pending), NOW);

        assertThat(ledger.read("us-east-1", "fivenines-auth", "team/auth", "r2")).isEmpty();
    }
}
