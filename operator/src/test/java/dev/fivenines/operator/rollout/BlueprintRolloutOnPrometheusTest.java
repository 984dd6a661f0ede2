package dev.fivenines.operator.rollout;

import static dev.fivenines.operator.rollout.PrometheusResponseTest.series;
import static dev.fivenines.operator.rollout.PrometheusResponseTest.vector;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthBlueprintStatus;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.AuthDeploymentStatus;
import dev.fivenines.api.v1alpha1.BucketPhase;
import dev.fivenines.api.v1alpha1.Phase;
import dev.fivenines.api.v1alpha1.RolloutBucketStatus;
import dev.fivenines.api.v1alpha1.RolloutPrometheus;
import dev.fivenines.api.v1alpha1.RolloutStatus;
import dev.fivenines.api.v1alpha1.Variant;
import dev.fivenines.api.v1alpha1.Verdict;
import dev.fivenines.operator.Fixtures;

/** A blueprint that names a Prometheus server: its rollout's baseline and windows are that server's answers. */
class BlueprintRolloutOnPrometheusTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String BASELINE_QUERY = "sum by (kind, outcome) (increase(fivenines_authorization_outcomes_total{"
            + "app_kubernetes_io_instance=~\"edge-eu\", fivenines_dev_revision=\"r1\", namespace=\"auth\"}[600s]))";
    private static final String WINDOW_QUERY = "sum by (kind, outcome) (increase(fivenines_authorization_outcomes_total{"
            + "app_kubernetes_io_instance=~\"edge-eu\", fivenines_dev_revision=\"r2\", namespace=\"auth\"}[60s]))";

    private PrometheusStandIn prometheus;
    private final BlueprintRollout rollout = new BlueprintRollout(new PodOutcomes(1), new PrometheusOutcomes(),
            new RegionWaves(java.util.Optional.of("us-east-1"), false, false, new dev.fivenines.aws.memory.MemoryRolloutLedger()));
    private AuthBlueprint blueprint;
    private final AuthDeployment edgeEu = deployment("edge-eu", 0);
    private final AuthDeployment edgeUs = deployment("edge-us", 1);

    @BeforeEach
    void start() throws IOException {
        prometheus = new PrometheusStandIn();
        blueprint = Fixtures.blueprint("auth", "auth", "1.0.0");
        RolloutPrometheus server = new RolloutPrometheus();
        server.setAddress(prometheus.address());
        server.setMatchers("namespace=\"auth\"");
        blueprint.getSpec().getRollout().getAnalysis().setPrometheus(server);
        blueprint.setStatus(new AuthBlueprintStatus());
        runs(edgeEu, "r1");
        runs(edgeUs, "r1");
        keep(rollout.advance(blueprint, "r1", List.of(edgeEu, edgeUs), List.of(), T0.minusSeconds(3600)));
    }

    @AfterEach
    void stop() {
        prometheus.close();
    }

    private static AuthDeployment deployment(String name, int bucket) {
        AuthDeployment deployment = Fixtures.deployment("auth", name, "auth", Variant.Edge, "eu-west-1");
        deployment.getSpec().setRolloutBucket(bucket);
        deployment.setStatus(new AuthDeploymentStatus());
        return deployment;
    }

    private static void runs(AuthDeployment deployment, String revision) {
        deployment.getStatus().setPhase(Phase.Ready);
        deployment.getStatus().setBlueprintRevision(revision);
    }

    private RolloutStatus keep(RolloutStep step) {
        blueprint.getStatus().setRollout(step.status());
        return step.status();
    }

    private RolloutBucketStatus bucket(RolloutStatus status, int bucket) {
        return status.getBuckets().stream().filter(b -> b.getBucket() == bucket).findFirst().orElseThrow();
    }

    @Test
    void theBaselineAndTheWindowsAreTheServersCountsForTheBucketsPods() {
        prometheus.answer(query -> new PrometheusStandIn.Answer(200, switch (query) {
            case BASELINE_QUERY -> vector(series("\"kind\":\"decision\",\"outcome\":\"success\"", "9950"),
                    series("\"kind\":\"decision\",\"outcome\":\"failed\"", "50"));
            case WINDOW_QUERY -> vector(series("\"kind\":\"decision\",\"outcome\":\"success\"", "1990"),
                    series("\"kind\":\"decision\",\"outcome\":\"failed\"", "10"));
            default -> vector();
        }));

        RolloutStatus started = keep(rollout.advance(blueprint, "r2", List.of(edgeEu, edgeUs), List.of(), T0));

        assertThat(bucket(started, 0).getPhase()).isEqualTo(BucketPhase.Progressing);
        assertThat(bucket(started, 0).getBaseline()).isEqualTo("0.9950");
        assertThat(bucket(started, 0).getBaselineOutcomes()).isEqualTo(10000L);
        assertThat(prometheus.calls()).extracting(PrometheusStandIn.Call::query).contains(BASELINE_QUERY);

        runs(edgeEu, "r2");
        RolloutStatus read = keep(rollout.advance(blueprint, "r2", List.of(edgeEu, edgeUs), List.of(), T0.plusSeconds(10)));

        assertThat(bucket(read, 0).getPhase()).isEqualTo(BucketPhase.Baking);
        assertThat(bucket(read, 0).getVerdict()).isEqualTo(Verdict.Pass);
        assertThat(bucket(read, 0).getRatio()).isEqualTo("0.9950");
        assertThat(bucket(read, 0).getOutcomes()).isEqualTo(2000L);
        assertThat(prometheus.calls()).extracting(PrometheusStandIn.Call::query).contains(WINDOW_QUERY);
        assertThat(prometheus.calls()).filteredOn(c -> WINDOW_QUERY.equals(c.query())).extracting(PrometheusStandIn.Call::time)
                .contains("1795428010.000");
    }

    @Test
    void aQueryTheServerRefusesKeepsTheBucketInconclusiveAndSaysWhy() {
        prometheus.answer(query -> new PrometheusStandIn.Answer(200, query.equals(BASELINE_QUERY)
                ? vector(series("\"outcome\":\"success\"", "9950"), series("\"outcome\":\"failed\"", "50")) : vector()));
        keep(rollout.advance(blueprint, "r2", List.of(edgeEu, edgeUs), List.of(), T0));
        prometheus.answer(query -> new PrometheusStandIn.Answer(503,
                "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"TSDB not ready\"}"));
        runs(edgeEu, "r2");

        RolloutStatus read = keep(rollout.advance(blueprint, "r2", List.of(edgeEu, edgeUs), List.of(), T0.plusSeconds(10)));

        assertThat(bucket(read, 0).getVerdict()).isEqualTo(Verdict.Inconclusive);
        assertThat(bucket(read, 0).getPhase()).isEqualTo(BucketPhase.Baking);
        assertThat(read.getMessage()).isEqualTo("waiting: bucket 0 (edge-eu): no gate data: Prometheus at " + prometheus.address()
                + ": the query was refused (HTTP 503, unavailable): TSDB not ready");
    }
}
