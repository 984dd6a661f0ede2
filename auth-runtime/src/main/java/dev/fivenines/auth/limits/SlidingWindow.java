package dev.fivenines.auth.limits;

/**
 * A one-second sliding-window counter packed into one {@code long}, so it is updated with a single compare-and-set:
 * bits 0–19 count the current window, bits 20–39 the previous one, bits 40–63 hold the current window's index modulo
 * 2<sup>24</sup> (about 194 days of seconds; entries are swept long before the index wraps).
 * <p>
 * The estimated rate at a moment {@code f} of the way through the current window is
 * {@code previous × (1 − f) + current}: the previous window's requests are assumed spread evenly, and the part of
 * that window still inside the last second is weighted in.
 */
final class SlidingWindow {

    static final long WINDOW_NANOS = 1_000_000_000L;
    /** A state no counter reaches (counts never exceed {@link LimitSettings#MAX_RPS}): the entry was evicted. */
    static final long RETIRED = -1L;

    private static final int COUNT_BITS = 20;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    private static final int INDEX_SHIFT = 2 * COUNT_BITS;

    private SlidingWindow() {
    }

    static long start(long window) {
        return pack(window, 0, 0);
    }

    static long pack(long window, long current, long previous) {
        return (window << INDEX_SHIFT) | (previous << COUNT_BITS) | current;
    }

    /**
     * How many windows {@code window} is after the state's window: 0 for the same, 1 for the next, negative when
     * the state is already ahead (another thread read a later clock).
     */
    static long age(long state, long window) {
        return (window - (state >>> INDEX_SHIFT)) << INDEX_SHIFT >> INDEX_SHIFT;
    }

    static long window(long state) {
        return state >>> INDEX_SHIFT;
    }

    static long current(long state) {
        return state & COUNT_MASK;
    }

    static long previous(long state) {
        return (state >>> COUNT_BITS) & COUNT_MASK;
    }

    /** The state moved forward to {@code window} (which is not before the state's window). */
    static long rollTo(long state, long window) {
        long age = age(state, window);
        if (age == 0) {
            return state;
        }
        return pack(window, 0, age == 1 ? current(state) : 0);
    }

    /**
     * Whether one more request fits under {@code limit}: {@code previous × remaining / W + current + 1 ≤ limit},
     * in exact integer arithmetic.
     */
    static boolean fits(long current, long previous, long remainingNanos, long limit) {
        return previous * remainingNanos + (current + 1) * WINDOW_NANOS <= limit * WINDOW_NANOS;
    }

    /**
     * The state without one request that was counted in {@code window}: from the current count if the state is
     * still in that window, from the previous count if it moved on by one, unchanged if that window has left it.
     */
    static long release(long state, long window) {
        long ahead = -age(state, window);
        if (ahead == 0) {
            return state - 1;
        }
        if (ahead == 1) {
            return state - (1L << COUNT_BITS);
        }
        return state;
    }

    /** The estimated rate, rounded down. */
    static long rate(long current, long previous, long remainingNanos) {
        return previous * remainingNanos / WINDOW_NANOS + current;
    }

    /**
     * Nanoseconds until one more request fits under {@code limit}, if nothing else is counted meanwhile. Called
     * only when it does not fit now.
     */
    static long nanosUntilFits(long current, long previous, long remainingNanos, long limit) {
        if (current + 1 <= limit) {
            // the previous window's weight has to shrink: previous × (remaining − wait) ≤ (limit − current − 1) × W
            return remainingNanos - (limit - current - 1) * WINDOW_NANOS / previous;
        }
        // the current window is full: in the next one, current × (W − wait') + W ≤ limit × W
        return remainingNanos + WINDOW_NANOS - (limit - 1) * WINDOW_NANOS / current;
    }

    static int retryAfterSeconds(long nanos) {
        return (int) Math.max(1, (nanos + WINDOW_NANOS - 1) / WINDOW_NANOS);
    }
}
