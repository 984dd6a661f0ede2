package dev.fivenines.operator.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * Where a bucket's gate data comes from: the runtime pods themselves ({@link PodOutcomes}, the default) or a
 * Prometheus server ({@link PrometheusReader}, {@code spec.rollout.analysis.prometheus}).
 */
public interface OutcomeSource {

    /** The outcomes the named AuthDeployments' pods at the revision counted over {@code window} before {@code now}, summed. */
    OutcomeReading over(Collection<String> deployments, String revision, Duration window, Instant now);
}
