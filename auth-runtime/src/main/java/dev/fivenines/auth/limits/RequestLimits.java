package dev.fivenines.auth.limits;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

import dev.fivenines.auth.metrics.OwnedMeters;
import org.jboss.logging.Logger;

import dev.fivenines.auth.config.RuntimeSettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The rate limits of the HTTP endpoints: every request of a tenant's client is admitted or refused in memory
 * before any work is done for it. A milestone crossing is logged here; a refusal becomes a {@link Blocked},
 * answered 429 and logged by the API's error mapper.
 */
@ApplicationScoped
@Startup // a limit out of range stops the start, rather than answering every request with a 500
public class RequestLimits {

    private static final Logger LOG = Logger.getLogger(RequestLimits.class);

    /** A request refused by a limit. */
    public static final class Blocked extends RuntimeException {
        private final String tenant;
        private final String client;
        private final Admission admission;

        Blocked(String tenant, String client, Admission admission) {
            super(null, null, false, false);
            this.tenant = tenant;
            this.client = client;
            this.admission = admission;
        }

        public String tenant() {
            return tenant;
        }

        public String client() {
            return client;
        }

        public Admission admission() {
            return admission;
        }
    }

    private final RateLimiter limiter;

    public RequestLimits(RuntimeSettings settings, MeterRegistry meters) {
        this.limiter = new RateLimiter(settingsOf(settings.limits()));
        OwnedMeters.forget(meters, "fivenines.limits.milestones", "fivenines.limits.blocked", "fivenines.limits.tracked.clients");
        for (int level : limiter.milestones()) {
            FunctionCounter.builder("fivenines.limits.milestones", limiter, l -> l.milestoneCount(level))
                    .description("Clients that crossed the level (requests/s) in a milestone window").tag("level", String.valueOf(level))
                    .register(meters);
        }
        FunctionCounter.builder("fivenines.limits.blocked", limiter, RateLimiter::blockedCount).description("Requests refused by a rate limit")
                .register(meters);
        Gauge.builder("fivenines.limits.tracked.clients", limiter, RateLimiter::trackedClients).register(meters);
        LOG.infof("rate limits: %d requests/s per client, tenant-wide %s, this replica enforces 1/%d of each; overrides %s",
                settings.limits().clientBlockRps(), settings.limits().tenantBlockRps() == 0 ? "none" : settings.limits().tenantBlockRps(),
                settings.limits().replicas(), limiter.settings().tenants().keySet());
    }

    static LimitSettings settingsOf(RuntimeSettings.Limits limits) {
        LimitSettings defaults = LimitSettings.defaults();
        return new LimitSettings(limits.clientBlockRps(), limits.milestones(), limits.tenantBlockRps(), limits.replicas(),
                overrides(limits.tenants().orElse(List.of())), defaults.milestoneWindow(), defaults.idleAfter());
    }

    private static Map<String, TenantLimits> overrides(List<String> entries) {
        Map<String, TenantLimits> overrides = new TreeMap<>();
        for (String entry : entries) {
            String[] pair = entry.trim().split("=", 2);
            try {
                String[] rates = pair[1].split("/", 2);
                OptionalInt client = rates[0].isBlank() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(rates[0].trim()));
                OptionalInt tenant = rates.length > 1 ? OptionalInt.of(Integer.parseInt(rates[1].trim())) : OptionalInt.empty();
                overrides.put(pair[0].trim(), new TenantLimits(client, tenant));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("fivenines.limits.tenants (FIVENINES_LIMITS_TENANTS) entries are <tenant>=<client rps> or "
                        + "<tenant>=<client rps>/<tenant rps>; was " + entry);
            }
        }
        return overrides;
    }

    /** Admits one request of {@code client} of {@code tenant}, or throws {@link Blocked}. */
    public void admit(String tenant, String client) {
        Admission admission = limiter.admit(tenant, client);
        if (admission.blocked()) {
            throw new Blocked(tenant, client, admission);
        }
        if (admission.milestoneCrossed() > 0) {
            LOG.infof("milestone: tenant=%s client=%s reached %d requests/s", tenant, client, admission.milestoneCrossed());
        }
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        int forgotten = limiter.sweep();
        if (forgotten > 0) {
            LOG.debugf("rate limits: forgot %d idle clients", forgotten);
        }
    }
}
