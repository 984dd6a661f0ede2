package dev.fivenines.operator.rollout;

import java.net.http.HttpClient;
import java.time.Duration;

import dev.fivenines.api.v1alpha1.RolloutPrometheus;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Gate data from the Prometheus server a blueprint names ({@code spec.rollout.analysis.prometheus}): one HTTP
 * client for every blueprint, a {@link PrometheusReader} per step. A query that takes more than five seconds
 * fails.
 */
@ApplicationScoped
public class PrometheusOutcomes {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public OutcomeSource source(RolloutPrometheus prometheus) {
        return new PrometheusReader(prometheus, http, TIMEOUT);
    }
}
