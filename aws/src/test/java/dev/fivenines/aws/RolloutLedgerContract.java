package dev.fivenines.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the rollout ledger promises, run on every implementation: a region's write is read in another region (after
 * replication), a later write for a revision replaces the earlier one, reads see only the revision asked for, and a
 * region without the table says so.
 */
public abstract class RolloutLedgerContract {

    /** The port on a table with replicas in two regions, and a region without one. */
    public interface Fixture extends AutoCloseable {
        RolloutLedger ledger();

        String table();

        String home();

        String other();

        String withoutTable();

        /** How long replication between the two replicas may take. */
        Duration replication();

        @Override
        void close();
    }

    protected abstract Fixture openFixture();

    private Fixture fixture;
    private RolloutLedger ledger;
    private String rollout;

    @BeforeEach
    void open() {
        fixture = openFixture();
        ledger = fixture.ledger();
        rollout = "ledger-" + UUID.randomUUID().toString().substring(0, 8) + "/auth";
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private WaveProgress progress(String revision, String region, String phase, Integer nextBucket) {
        return new WaveProgress(rollout, revision, region, phase, nextBucket, phase + " at " + nextBucket,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private List<WaveProgress> awaitRead(String region, String revision, int count) {
        return await().atMost(fixture.replication().plusSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> ledger.read(region, fixture.table(), rollout, revision), found -> found.size() == count);
    }

    @Test
    void whatOneRegionWritesIsReadInTheOther() {
        WaveProgress written = progress("rev-a", fixture.home(), "Progressing", 1);
        ledger.record(fixture.home(), fixture.table(), written);

        assertThat(awaitRead(fixture.other(), "rev-a", 1)).containsExactly(written);
        assertThat(ledger.read(fixture.home(), fixture.table(), rollout, "rev-a")).containsExactly(written);
    }

    @Test
    void aLaterWriteOfTheSameRegionReplacesTheEarlierAndEachRegionKeepsItsOwn() {
        ledger.record(fixture.home(), fixture.table(), progress("rev-a", fixture.home(), "Progressing", 0));
        WaveProgress later = progress("rev-a", fixture.home(), "Completed", null);
        ledger.record(fixture.home(), fixture.table(), later);
        WaveProgress others = progress("rev-a", fixture.other(), "Halted", 0);
        ledger.record(fixture.other(), fixture.table(), others);

        await().atMost(fixture.replication().plusSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(
                ledger.read(fixture.home(), fixture.table(), rollout, "rev-a")).containsExactlyInAnyOrder(later, others));
        WaveProgress read = ledger.read(fixture.home(), fixture.table(), rollout, "rev-a").stream()
                .filter(p -> p.region().equals(fixture.home())).findFirst().orElseThrow();
        assertThat(read.nextBucket()).isNull();
        assertThat(read.phase()).isEqualTo("Completed");
    }

    @Test
    void aReadSeesOnlyTheRevisionAndRolloutAskedFor() {
        ledger.record(fixture.home(), fixture.table(), progress("rev-a", fixture.home(), "Completed", null));
        ledger.record(fixture.home(), fixture.table(), progress("rev-a1", fixture.home(), "Progressing", 2));
        ledger.record(fixture.home(), fixture.table(),
                new WaveProgress(rollout + "-other", "rev-a", fixture.home(), "Halted", 0, "", Instant.now()));

        List<WaveProgress> found = ledger.read(fixture.home(), fixture.table(), rollout, "rev-a");

        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.revision()).isEqualTo("rev-a");
            assertThat(p.rollout()).isEqualTo(rollout);
            assertThat(p.phase()).isEqualTo("Completed");
        });
        assertThat(ledger.read(fixture.home(), fixture.table(), rollout, "rev-b")).isEmpty();
    }

    @Test
    void aRegionWithoutTheTableSaysSo() {
        assertThatThrownBy(() -> ledger.read(fixture.withoutTable(), fixture.table(), rollout, "rev-a"))
                .isInstanceOf(NotFound.class).hasMessageContaining(fixture.table()).hasMessageContaining(fixture.withoutTable());
        assertThatThrownBy(() -> ledger.record(fixture.withoutTable(), fixture.table(),
                progress("rev-a", fixture.withoutTable(), "Progressing", 0))).isInstanceOf(NotFound.class);
    }
}
