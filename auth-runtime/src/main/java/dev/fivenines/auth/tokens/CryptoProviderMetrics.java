package dev.fivenines.auth.tokens;

import dev.fivenines.auth.metrics.OwnedMeters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Exports which provider signs as an info gauge, e.g.
 * {@code fivenines_crypto_provider_info{provider="AmazonCorrettoCryptoProvider",native="true",arch="amd64"} 1},
 * so a fleet running on the slow JDK fallback shows up on a dashboard, not only in a start-up log.
 */
@ApplicationScoped
public class CryptoProviderMetrics {

    void onStart(@Observes StartupEvent started, MeterRegistry meters) {
        register(meters, CryptoProviders.choice());
    }

    /** Registers the gauge for a choice (the labels come from {@link CryptoProviderChoice#labels()}). */
    public static Gauge register(MeterRegistry meters, CryptoProviderChoice choice) {
        OwnedMeters.forget(meters, CryptoProviderChoice.METRIC);
        return Gauge.builder(CryptoProviderChoice.METRIC, () -> 1)
                .description("The provider token signatures go through (value always 1; the labels tell which)")
                .tags(choice.labels().entrySet().stream().map(e -> Tag.of(e.getKey(), e.getValue())).toList())
                .register(meters);
    }
}
