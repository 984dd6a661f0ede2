package dev.fivenines.auth.limits;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A nanosecond clock that moves only when told; starts far from zero, as System.nanoTime may. */
final class ManualNanoTime implements LongSupplier {

    private final AtomicLong nanos = new AtomicLong(7_654_321_000_000_000L);

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    void advanceNanos(long by) {
        nanos.addAndGet(by);
    }
}
