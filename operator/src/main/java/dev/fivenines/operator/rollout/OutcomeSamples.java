package dev.fivenines.operator.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scrapes of the runtime pods' cumulative outcome counters, per pod (by uid) and time, kept in memory. The
 * outcomes over a window are, for each pod, the increases between its consecutive samples inside the window
 * (both edges included), summed across pods; a ratio is then taken of the sums, never averaged across pods.
 * A counter lower than before means the pod's process restarted and counts from zero (Prometheus'
 * {@code increase}, without its extrapolation); a pod's first sample is where its counting starts, so a pod that
 * appeared mid-window adds what it counted after that, and a pod that is gone keeps adding what it counted while
 * its samples remain in the window. Not thread-safe: one reconciler owns it.
 */
public final class OutcomeSamples {

    private final Map<String, NavigableMap<Instant, OutcomeCounts>> byPod = new TreeMap<>();

    /** A scrape of one pod; a second sample at the same instant replaces the first. */
    public void record(String podUid, Instant at, OutcomeCounts cumulative) {
        byPod.computeIfAbsent(podUid, uid -> new TreeMap<>()).put(at, cumulative);
    }

    /** The outcomes counted by the given pods in {@code [now - window, now]}. */
    public OutcomeCounts over(Collection<String> podUids, Duration window, Instant now) {
        OutcomeCounts sum = OutcomeCounts.NONE;
        for (String uid : podUids) {
            NavigableMap<Instant, OutcomeCounts> samples = byPod.get(uid);
            if (samples == null) {
                continue;
            }
            OutcomeCounts previous = null;
            for (OutcomeCounts sample : samples.subMap(now.minus(window), true, now, true).values()) {
                if (previous != null) {
                    sum = sum.plus(sample.increaseSince(previous));
                }
                previous = sample;
            }
        }
        return sum;
    }

    /** Forgets every sample taken before {@code oldest}, and pods left without samples. */
    public void pruneBefore(Instant oldest) {
        for (Iterator<NavigableMap<Instant, OutcomeCounts>> pods = byPod.values().iterator(); pods.hasNext();) {
            NavigableMap<Instant, OutcomeCounts> samples = pods.next();
            samples.headMap(oldest, false).clear();
            if (samples.isEmpty()) {
                pods.remove();
            }
        }
    }

    public Set<String> pods() {
        return Set.copyOf(byPod.keySet());
    }
}
