package dev.fivenines.operator.reconciler;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * When an AuthDeployment with AWS on is looked at again, spread so that many deployments do not call AWS in step.
 *
 * <ul>
 * <li>A poll for drift: the poll interval, ±10 %.</li>
 * <li>While something is being created (a table, a replica, a load balancer's address): the busy retry, ±20 %.</li>
 * <li>After AWS throttled a call: exponential backoff from the busy retry, doubling per throttled pass up to the poll
 * interval, with equal jitter (half the delay fixed, half random), so the retries of many deployments spread out
 * instead of arriving together again. A pass without throttling starts the count again.</li>
 * </ul>
 */
final class Requeue {

    private final Duration poll;
    private final Duration busy;
    private final DoubleSupplier random;
    private final Map<String, Integer> throttledPasses = new ConcurrentHashMap<>();

    /** @param random numbers in [0, 1) */
    Requeue(Duration poll, Duration busy, DoubleSupplier random) {
        this.poll = poll;
        this.busy = busy;
        this.random = random;
    }

    /** Milliseconds until the next look at the deployment {@code uid}. */
    long after(String uid, boolean throttled, boolean settling) {
        if (throttled) {
            int passes = throttledPasses.merge(uid, 1, Integer::sum);
            long ceiling = Math.max(busy.toMillis(), poll.toMillis());
            long delay = Math.min(ceiling, busy.toMillis() << Math.min(passes - 1, 20));
            return delay / 2 + (long) (random.getAsDouble() * (delay - delay / 2));
        }
        throttledPasses.remove(uid);
        return settling ? spread(busy.toMillis(), 0.2) : spread(poll.toMillis(), 0.1);
    }

    /** The deployment is gone: its count goes too. */
    void forget(String uid) {
        throttledPasses.remove(uid);
    }

    private long spread(long millis, double share) {
        return Math.round(millis * (1 - share + 2 * share * random.getAsDouble()));
    }
}
