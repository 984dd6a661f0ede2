package dev.fivenines.auth.api;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Ticker;

import dev.fivenines.auth.limits.FailedAttempts;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The break-glass path is rate-limited: after {@value #PER_MINUTE} wrong bootstrap admin secrets for one tenant in a
 * minute, that tenant's bootstrap admin grant is refused (429) until the minute ends, on this replica.
 */
@ApplicationScoped
class BootstrapFailures {

    static final int PER_MINUTE = 10;

    private final FailedAttempts attempts = new FailedAttempts(PER_MINUTE, Duration.ofMinutes(1), Ticker.systemTicker());

    void check(String tenant) {
        attempts.check(tenant, "the bootstrap admin of tenant " + tenant);
    }

    void failed(String tenant) {
        attempts.failed(tenant);
    }
}
