package dev.fivenines.auth.reliability;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import dev.fivenines.auth.config.RuntimeBeans;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The runtime's monotonic time (what its storage breakers measure their cool-down with), moved only by the test.
 * Starts far from zero, as {@code System.nanoTime} may. Enabled by {@link Profile}.
 */
@Alternative
@Singleton
@Named(RuntimeBeans.NANO_TIME)
public class DrivenNanoTime implements LongSupplier {

    /**
     * A test profile in which the runtime runs on {@link DrivenNanoTime}, and keeps no client lookup: every login reads
     * its client from storage, so logins exercise the failover chain.
     */
    public static final class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(DrivenNanoTime.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fivenines.clients.refresh-after", "0s", "fivenines.clients.expire-after", "0s", "fivenines.clients.max-age", "0s");
        }
    }

    /** {@link DrivenNanoTime}, with the client cache as it ships. */
    public static final class WithClientCache implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(DrivenNanoTime.class);
        }
    }

    private final AtomicLong nanos = new AtomicLong(7_654_321_000_000_000L);

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    public void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
