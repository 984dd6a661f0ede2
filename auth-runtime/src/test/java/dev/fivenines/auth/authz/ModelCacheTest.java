package dev.fivenines.auth.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import dev.fivenines.testing.MutableClock;

class ModelCacheTest {

    private final MutableClock now = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final Clock clock = now;
    private final AtomicInteger loads = new AtomicInteger();
    private volatile boolean storageDown;

    private TenantModel load(String tenant) {
        if (storageDown) {
            throw new IllegalStateException("connection refused");
        }
        loads.incrementAndGet();
        return TenantModel.of(tenant, List.of(), List.of(), Map.of());
    }

    private ModelCache cache() {
        return new ModelCache(this::load, Duration.ofSeconds(30), Duration.ofMinutes(5), clock, Runnable::run);
    }

    @Test
    void coldTenantIsLoadedOnFirstUseThenServedFromMemory() {
        ModelCache cache = cache();

        cache.model("acme");
        cache.model("acme");

        assertThat(loads).hasValue(1);
    }

    @Test
    void inMemoryTellsWhetherADecisionWouldWaitForStorage() {
        ModelCache cache = cache();
        assertThat(cache.inMemory("acme")).as("never loaded").isFalse();
        cache.model("acme");
        assertThat(cache.inMemory("acme")).isTrue();
        cache.invalidate("acme");
        assertThat(cache.inMemory("acme")).as("changed: the next decision reloads").isFalse();
        cache.model("acme");
        now.set(now.get().plus(Duration.ofMinutes(5)));
        assertThat(cache.inMemory("acme")).as("older than the maximum age").isFalse();
        assertThat(loads).hasValue(2);
    }

    @Test
    void changeMakesTheNextDecisionReload() {
        ModelCache cache = cache();
        cache.model("acme");

        cache.invalidate("acme");
        cache.model("acme");

        assertThat(loads).hasValue(2);
    }

    @Test
    void storageBlipKeepsTheLastModelAnsweringWithinTheBound() {
        ModelCache cache = cache();
        TenantModel first = cache.model("acme");
        storageDown = true;
        cache.invalidate("acme");
        now.set(now.get().plusSeconds(60));

        assertThat(cache.model("acme")).isSameAs(first);

        now.set(now.get().plusSeconds(300));
        assertThatThrownBy(() -> cache.model("acme")).isInstanceOf(ModelCache.Unavailable.class)
                .hasMessageContaining("connection refused");
    }

    @Test
    void oldModelIsRefreshedWhileTheCurrentOneAnswers() {
        ModelCache cache = cache();
        cache.model("acme");
        now.set(now.get().plusSeconds(31));

        cache.model("acme");

        assertThat(loads).as("a background refresh (run inline here)").hasValue(2);
    }
}
