package dev.fivenines.auth.storage;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

/**
 * Storage region failures, logged at WARN without flooding the log: the first failure of a region is logged at once,
 * then at most one line per region every {@code interval}, saying how many failures it stands for and the latest
 * one. Every failure is also counted ({@code fivenines.storage.failures}); the line is for whoever reads the pod's log
 * when grants start answering 503.
 */
final class RegionFailureLog {

    private static final Logger LOG = Logger.getLogger(RegionFailureLog.class);

    private final String region;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong lastLine = new AtomicLong();
    private final AtomicLong unlogged = new AtomicLong();
    private final AtomicBoolean logged = new AtomicBoolean();

    RegionFailureLog(String region, long interval, TimeUnit unit, LongSupplier nanoTime) {
        this.region = region;
        this.intervalNanos = unit.toNanos(interval);
        this.nanoTime = nanoTime;
    }

    /** A failure of this region: returns the line written for it, if one was. */
    Optional<String> failed(String operation, String why, String then) {
        unlogged.incrementAndGet();
        long now = nanoTime.getAsLong();
        long last = lastLine.get();
        if (logged.compareAndSet(false, true)) {
            lastLine.set(now);
        } else if (now - last < intervalNanos || !lastLine.compareAndSet(last, now)) {
            return Optional.empty();
        }
        long failures = unlogged.getAndSet(0);
        String line = String.format("storage region %s failed %d request(s) since the last line; latest: %s %s; %s", region, failures,
                operation, why, then);
        LOG.warn(line);
        return Optional.of(line);
    }
}
