package dev.fivenines.auth.storage;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The breaker of one storage region. Closed: every request goes to the region. After {@code threshold}
 * failures in a row it opens: requests skip the region at once instead of paying its timeout. After the
 * cool-down one request at a time is let through as a trial (half-open); a success closes the breaker, a
 * failure opens it for another cool-down.
 */
public final class CircuitBreaker {

    public enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    private final int threshold;
    private final long coolDownNanos;
    private final LongSupplier nanoTime;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final AtomicLong openUntil = new AtomicLong();
    private final AtomicBoolean open = new AtomicBoolean();
    private final AtomicBoolean trialInFlight = new AtomicBoolean();

    public CircuitBreaker(int threshold, Duration coolDown, LongSupplier nanoTime) {
        if (threshold < 1) {
            throw new IllegalArgumentException("fivenines.storage.breaker-failures must be at least 1, was " + threshold);
        }
        if (coolDown.isNegative() || coolDown.isZero()) {
            throw new IllegalArgumentException("fivenines.storage.breaker-cool-down must be positive, was " + coolDown);
        }
        this.threshold = threshold;
        this.coolDownNanos = coolDown.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Whether a request may go to the region now; in half-open state only one trial at a time may. */
    public boolean tryAcquire() {
        if (!open.get()) {
            return true;
        }
        if (nanoTime.getAsLong() - openUntil.get() < 0) {
            return false;
        }
        return trialInFlight.compareAndSet(false, true);
    }

    public void onSuccess() {
        failuresInARow.set(0);
        open.set(false);
        trialInFlight.set(false);
    }

    public void onFailure() {
        if (open.get() || failuresInARow.incrementAndGet() >= threshold) {
            openUntil.set(nanoTime.getAsLong() + coolDownNanos);
            open.set(true);
            trialInFlight.set(false);
        }
    }

    public State state() {
        if (!open.get()) {
            return State.CLOSED;
        }
        return nanoTime.getAsLong() - openUntil.get() < 0 ? State.OPEN : State.HALF_OPEN;
    }
}
