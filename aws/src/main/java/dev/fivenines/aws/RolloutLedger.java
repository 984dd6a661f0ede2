package dev.fivenines.aws;

import java.util.List;

/**
 * Where the operators of different regions leave their rollout progress for each other, with no cluster calling
 * another: items in a DynamoDB global table that each operator writes in its own region's replica and reads there,
 * global-table replication carrying them to the others. Each region writes only its own items, so replication's
 * last-writer-wins never loses one region's write to another's. Every method throws a {@link CloudException};
 * {@link NotFound} when the table has no replica in the region.
 */
public interface RolloutLedger {

    /** Writes the progress into {@code table} in {@code region}, replacing what that region wrote for the same revision. */
    void record(String region, String table, WaveProgress progress);

    /** Every region's progress on {@code revision} of {@code rollout}, as the replica in {@code region} has it now. */
    List<WaveProgress> read(String region, String table, String rollout, String revision);
}
