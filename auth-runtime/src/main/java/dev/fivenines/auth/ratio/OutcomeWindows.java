package dev.fivenines.auth.ratio;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Outcome counts per second over the last hour, in a ring of 3,600 one-second buckets. Recording is an
 * atomic increment (plus, once per second, clearing the bucket an hour old); a window of any length up to
 * an hour is the sum of its buckets, read when stats are asked for.
 */
public final class OutcomeWindows {

    public static final int SECONDS = 3600;
    private static final int KINDS = Outcome.values().length;

    private final AtomicLongArray stamps = new AtomicLongArray(SECONDS);
    private final AtomicLongArray counts = new AtomicLongArray(SECONDS * KINDS);

    public void record(Outcome outcome, long epochSecond) {
        int bucket = (int) Math.floorMod(epochSecond, (long) SECONDS);
        if (stamps.get(bucket) != epochSecond) {
            synchronized (this) {
                if (stamps.get(bucket) != epochSecond) {
                    for (int k = 0; k < KINDS; k++) {
                        counts.set(bucket * KINDS + k, 0);
                    }
                    stamps.set(bucket, epochSecond);
                }
            }
        }
        counts.incrementAndGet(bucket * KINDS + outcome.ordinal());
    }

    /** Counts per outcome (indexed by ordinal) over the {@code seconds} seconds ending with {@code nowSecond}. */
    public long[] sum(int seconds, long nowSecond) {
        if (seconds < 1 || seconds > SECONDS) {
            throw new IllegalArgumentException("a window is 1 to " + SECONDS + " seconds, was " + seconds);
        }
        long[] total = new long[KINDS];
        for (long second = nowSecond - seconds + 1; second <= nowSecond; second++) {
            int bucket = (int) Math.floorMod(second, (long) SECONDS);
            if (stamps.get(bucket) == second) {
                for (int k = 0; k < KINDS; k++) {
                    total[k] += counts.get(bucket * KINDS + k);
                }
            }
        }
        return total;
    }
}
