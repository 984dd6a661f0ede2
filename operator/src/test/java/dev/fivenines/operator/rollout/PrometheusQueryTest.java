package dev.fivenines.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.RolloutPrometheus;

/** The query a bucket's outcomes are read with. */
class PrometheusQueryTest {

    private static RolloutPrometheus prometheus() {
        RolloutPrometheus spec = new RolloutPrometheus();
        spec.setAddress("http://prometheus.monitoring:9090");
        return spec;
    }

    @Test
    void theOperatorsQuerySumsTheBucketsPodsAtTheRevisionByKindAndOutcome() {
        assertThat(PrometheusQuery.of(prometheus(), List.of("edge-eu", "dedicated-acme"), "b2c3d4e5f6", Duration.ofSeconds(60)))
                .isEqualTo("sum by (kind, outcome) (increase(fivenines_authorization_outcomes_total{app_kubernetes_io_instance=~\"dedicated-acme|edge-eu\", "
                        + "fivenines_dev_revision=\"b2c3d4e5f6\"}[60s]))");
    }

    @Test
    void givenLabelsAndMatchersAreUsed() {
        RolloutPrometheus spec = prometheus();
        spec.setDeploymentLabel("instance_name");
        spec.setRevisionLabel("rev");
        spec.setMatchers(" namespace=\"auth\", cluster=\"eu-1\" ");

        assertThat(PrometheusQuery.of(spec, List.of("edge-eu"), "b2c3", Duration.ofSeconds(600))).isEqualTo(
                "sum by (kind, outcome) (increase(fivenines_authorization_outcomes_total{instance_name=~\"edge-eu\", rev=\"b2c3\", "
                        + "namespace=\"auth\", cluster=\"eu-1\"}[600s]))");
    }

    @Test
    void dotsInANameMatchOnlyADot() {
        assertThat(PrometheusQuery.of(prometheus(), List.of("edge.eu"), "b2c3", Duration.ofSeconds(60)))
                .contains("app_kubernetes_io_instance=~\"edge\\\\.eu\"");
    }

    @Test
    void aGivenQueryGetsItsPlaceholdersReplaced() {
        RolloutPrometheus spec = prometheus();
        spec.setQuery("sum by (outcome) (increase(auth_outcomes_total{owner=~\"$deployments\", rev=\"$revision\"}[$window])) "
                + "+ 0 * sum by (outcome) (auth_outcomes_total{owner=~\"$deployments\"})");

        assertThat(PrometheusQuery.of(spec, List.of("b", "a"), "r2", Duration.ofSeconds(120))).isEqualTo(
                "sum by (outcome) (increase(auth_outcomes_total{owner=~\"a|b\", rev=\"r2\"}[120s])) + 0 * sum by (outcome) (auth_outcomes_total{owner=~\"a|b\"})");
    }
}
