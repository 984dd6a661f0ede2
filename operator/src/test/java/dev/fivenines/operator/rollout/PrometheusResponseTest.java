package dev.fivenines.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Answers of the Prometheus HTTP API to an instant query, as its documentation gives them. */
class PrometheusResponseTest {

    static String vector(String... series) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + String.join(",", series) + "]}}";
    }

    static String series(String labels, String value) {
        return "{\"metric\":{" + labels + "},\"value\":[1795428000.123,\"" + value + "\"]}";
    }

    @Test
    void countsByKindAndOutcomeAreRead() {
        OutcomeReading reading = PrometheusResponse.parse(200, vector(series("\"kind\":\"decision\",\"outcome\":\"success\"", "1990"),
                series("\"kind\":\"decision\",\"outcome\":\"failed\"", "10"), series("\"kind\":\"login\",\"outcome\":\"success\"", "500")));

        assertThat(reading.failure()).isNull();
        assertThat(reading.counts()).isEqualTo(new OutcomeCounts(Map.of("decision/success", 1990L, "decision/failed", 10L, "login/success", 500L)));
        assertThat(reading.counts().successes()).isEqualTo(2490);
        assertThat(reading.total()).isEqualTo(2500);
    }

    @Test
    void extrapolatedFractionsAreRoundedAndASeriesWithoutKindCountsUnderAny() {
        OutcomeReading reading = PrometheusResponse.parse(200, vector(series("\"outcome\":\"success\"", "1989.6"),
                series("\"outcome\":\"blocked\"", "10.2")));

        assertThat(reading.counts()).isEqualTo(new OutcomeCounts(Map.of("any/success", 1990L, "any/blocked", 10L)));
    }

    @Test
    void anErrorAnswerIsAFailureWithItsTypeAndMessage() {
        OutcomeReading reading = PrometheusResponse.parse(400,
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:14: parse error: unexpected identifier\"}");

        assertThat(reading.counts()).isNull();
        assertThat(reading.failure()).isEqualTo("the query was refused (HTTP 400, bad_data): 1:14: parse error: unexpected identifier");
    }

    @Test
    void anEmptyVectorIsAFailureNotZeroOutcomes() {
        OutcomeReading reading = PrometheusResponse.parse(200, vector());

        assertThat(reading.counts()).isNull();
        assertThat(reading.failure()).isEqualTo("the query returned no series: no outcomes counted, or labels that match no series "
                + "(check deploymentLabel, revisionLabel and matchers)");
    }

    @Test
    void aNaNOrInfiniteOrNegativeValueIsAFailure() {
        assertThat(PrometheusResponse.parse(200, vector(series("\"outcome\":\"success\"", "NaN"))).failure())
                .isEqualTo("outcome success has the value NaN, not a count");
        assertThat(PrometheusResponse.parse(200, vector(series("\"outcome\":\"success\"", "12"), series("\"outcome\":\"failed\"", "+Inf")))
                .failure()).isEqualTo("outcome failed has the value +Inf, not a count");
        assertThat(PrometheusResponse.parse(200, vector(series("\"outcome\":\"failed\"", "-3"))).failure())
                .isEqualTo("outcome failed has the value -3, not a count");
        assertThat(PrometheusResponse.parse(200, vector(series("\"outcome\":\"failed\"", "many"))).failure())
                .isEqualTo("outcome failed has the value many, not a count");
    }

    @Test
    void aSeriesWithoutAnOutcomeLabelIsAFailure() {
        OutcomeReading reading = PrometheusResponse.parse(200, vector(series("\"outcome\":\"success\"", "12"), series("\"kind\":\"decision\"", "30")));

        assertThat(reading.counts()).isNull();
        assertThat(reading.failure()).isEqualTo(
                "a series without an outcome label ({\"kind\":\"decision\"}): the query must keep it, e.g. sum by (kind, outcome)");
    }

    @Test
    void aResultThatIsNotAVectorIsAFailure() {
        assertThat(PrometheusResponse.parse(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":"
                + "{\"outcome\":\"success\"},\"values\":[[1795428000,\"3\"]]}]}}").failure())
                .isEqualTo("the query returned a matrix, not an instant vector of counts by outcome");
        assertThat(PrometheusResponse.parse(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1795428000,\"42\"]}}")
                .failure()).isEqualTo("the query returned a scalar, not an instant vector of counts by outcome");
    }

    @Test
    void anAnswerThatIsNotThePrometheusApiIsAFailure() {
        assertThat(PrometheusResponse.parse(502, "<html>Bad Gateway</html>").failure()).isEqualTo("HTTP 502 without a Prometheus API answer");
        assertThat(PrometheusResponse.parse(200, "").failure()).isEqualTo("HTTP 200 without a Prometheus API answer");
        assertThat(PrometheusResponse.parse(503, "{\"status\":\"success\"}").failure()).isEqualTo("HTTP 503 with status \"success\"");
    }
}
