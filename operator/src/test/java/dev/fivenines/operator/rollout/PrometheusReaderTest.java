package dev.fivenines.operator.rollout;

import static dev.fivenines.operator.rollout.PrometheusResponseTest.series;
import static dev.fivenines.operator.rollout.PrometheusResponseTest.vector;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fivenines.api.v1alpha1.RolloutPrometheus;

/** Gate data read from a Prometheus HTTP API on 127.0.0.1. */
class PrometheusReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00.250Z");
    private static final String QUERY = "sum by (kind, outcome) (increase(fivenines_authorization_outcomes_total{"
            + "app_kubernetes_io_instance=~\"dedicated-acme|edge-eu\", fivenines_dev_revision=\"r2\"}[60s]))";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private PrometheusStandIn prometheus;

    @BeforeEach
    void start() throws IOException {
        prometheus = new PrometheusStandIn();
    }

    @AfterEach
    void stop() {
        prometheus.close();
    }

    private PrometheusReader reader(String address) {
        RolloutPrometheus spec = new RolloutPrometheus();
        spec.setAddress(address);
        return new PrometheusReader(spec, http, Duration.ofMillis(800));
    }

    private OutcomeReading readBucketZero(PrometheusReader reader) {
        return reader.over(List.of("edge-eu", "dedicated-acme"), "r2", Duration.ofSeconds(60), NOW);
    }

    @Test
    void theBucketsCountsAreAskedForAtTheStepsTimeAndRead() {
        prometheus.answer(query -> new PrometheusStandIn.Answer(200, query.equals(QUERY)
                ? vector(series("\"kind\":\"decision\",\"outcome\":\"success\"", "1990"), series("\"kind\":\"decision\",\"outcome\":\"failed\"", "10"))
                : vector()));

        OutcomeReading reading = readBucketZero(reader(prometheus.address()));

        assertThat(reading.failure()).isNull();
        assertThat(reading.counts()).isEqualTo(new OutcomeCounts(Map.of("decision/success", 1990L, "decision/failed", 10L)));
        assertThat(prometheus.calls()).containsExactly(new PrometheusStandIn.Call("/api/v1/query", QUERY, "1795428000.250"));
    }

    @Test
    void anAddressWithAPathPrefixAndATrailingSlashIsFollowed() {
        prometheus.answer(query -> new PrometheusStandIn.Answer(200, vector(series("\"outcome\":\"success\"", "5"))));

        OutcomeReading reading = readBucketZero(reader(prometheus.address() + "/prometheus/"));

        assertThat(reading.total()).isEqualTo(5);
        assertThat(prometheus.calls()).extracting(PrometheusStandIn.Call::path).containsExactly("/prometheus/api/v1/query");
    }

    @Test
    void aRefusedQueryIsAFailureNamingTheServer() {
        prometheus.answer(query -> new PrometheusStandIn.Answer(422,
                "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query processing would load too many samples into memory\"}"));

        OutcomeReading reading = readBucketZero(reader(prometheus.address()));

        assertThat(reading.counts()).isNull();
        assertThat(reading.failure()).isEqualTo("Prometheus at " + prometheus.address()
                + ": the query was refused (HTTP 422, execution): query processing would load too many samples into memory");
    }

    @Test
    void noSeriesIsAFailureNotZeroOutcomes() {
        OutcomeReading reading = readBucketZero(reader(prometheus.address()));

        assertThat(reading.failure()).startsWith("Prometheus at " + prometheus.address() + ": the query returned no series");
        assertThat(prometheus.calls()).hasSize(1);
    }

    @Test
    void aServerThatIsNotThereFailsOnceAndTheStepsLaterReadsDoNotWaitOnItAgain() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        PrometheusReader reader = reader("http://127.0.0.1:" + port);

        OutcomeReading first = readBucketZero(reader);
        OutcomeReading second = reader.over(List.of("edge-us"), "r1", Duration.ofSeconds(600), NOW);

        assertThat(first.failure()).startsWith("Prometheus at http://127.0.0.1:" + port + " did not answer: ConnectException");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aServerThatAnswersTooLateIsAFailure() {
        prometheus.answer(query -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new PrometheusStandIn.Answer(200, vector(series("\"outcome\":\"success\"", "5")));
        });

        long started = System.nanoTime();
        OutcomeReading reading = readBucketZero(reader(prometheus.address()));

        assertThat(reading.failure()).startsWith("Prometheus at " + prometheus.address() + " did not answer: HttpTimeoutException");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    }
}
