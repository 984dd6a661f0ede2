package dev.fivenines.operator.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.fivenines.aws.WaveProgress;

/**
 * What this region may do, given the progress the regions of the earlier waves (spec.rollout.waves) left in the
 * ledger for the revision being rolled out. A bucket may start here once every earlier region has passed it: that
 * region completed the revision, or its lowest bucket not yet passed is a higher one. A halt anywhere earlier holds
 * every bucket here; so does a region that has not recorded the revision yet, and a ledger that cannot be read.
 *
 * @param position this region's wave, e.g. {@code 2/3}; null without waves
 * @param regions the regions of the earlier waves, first wave first, each with its wave number (1-based)
 * @param progress what the ledger holds for the revision (any region's)
 * @param unreadable why the ledger could not be read; null when it was
 */
public record EarlierWaves(String position, List<EarlierRegion> regions, List<WaveProgress> progress, String unreadable) {

    public static final EarlierWaves NONE = new EarlierWaves(null, List.of(), List.of(), null);

    public EarlierWaves {
        regions = List.copyOf(regions);
        progress = List.copyOf(progress);
    }

    /** A region of an earlier wave. */
    public record EarlierRegion(String region, int wave) {
    }

    /** Why {@code bucket} may not start {@code revision} here yet; empty when it may. */
    public Optional<String> hold(int bucket, String revision) {
        if (regions.isEmpty()) {
            return Optional.empty();
        }
        if (unreadable != null) {
            return Optional.of("waiting for the earlier waves, whose progress cannot be read: " + unreadable);
        }
        List<String> waiting = new ArrayList<>();
        for (EarlierRegion earlier : regions) {
            WaveProgress seen = progress.stream().filter(p -> p.region().equals(earlier.region()) && p.revision().equals(revision))
                    .findFirst().orElse(null);
            String who = earlier.region() + " (wave " + earlier.wave() + ")";
            if (seen == null) {
                waiting.add(who + " has not started revision " + revision);
            } else if ("Halted".equals(seen.phase())) {
                return Optional.of("revision " + revision + " halted in " + who + ", so it goes no further here: " + seen.message());
            } else if (!passed(seen, bucket)) {
                waiting.add(who + " has not passed bucket " + bucket + " yet (" + seen.phase() + ", at bucket " + seen.nextBucket() + ")");
            }
        }
        return waiting.isEmpty() ? Optional.empty() : Optional.of("waiting for the earlier waves: " + String.join("; ", waiting));
    }

    private static boolean passed(WaveProgress seen, int bucket) {
        return "Completed".equals(seen.phase()) || seen.nextBucket() == null || seen.nextBucket() > bucket;
    }
}
