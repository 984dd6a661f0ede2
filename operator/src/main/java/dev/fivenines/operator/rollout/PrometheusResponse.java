package dev.fivenines.operator.rollout;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the answer of the Prometheus HTTP API to an instant query ({@code GET /api/v1/query}):
 * {@code {"status":"success","data":{"resultType":"vector","result":[{"metric":{"outcome":"success"},"value":[<ts>,"<float>"]}]}}},
 * or {@code {"status":"error","errorType":...,"error":...}}. Each series is one count of a {@code kind} (optional) and
 * an {@code outcome}; anything else (an error, no series, not a vector, a series without outcome, a value that is not
 * a finite count) is a failure with its reason, never counts.
 */
final class PrometheusResponse {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The kind of a series that carries none (a query summed by outcome only). */
    static final String ANY_KIND = "any";

    private PrometheusResponse() {
    }

    static OutcomeReading parse(int httpStatus, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            return OutcomeReading.failed("HTTP " + httpStatus + " without a Prometheus API answer");
        }
        String status = root.path("status").asText();
        if ("error".equals(status)) {
            return OutcomeReading.failed("the query was refused (HTTP " + httpStatus + ", " + root.path("errorType").asText("no errorType") + "): "
                    + root.path("error").asText("no error given"));
        }
        if (!"success".equals(status) || httpStatus != 200) {
            return OutcomeReading.failed("HTTP " + httpStatus + " with status \"" + status + "\"");
        }
        String resultType = root.path("data").path("resultType").asText();
        if (!"vector".equals(resultType)) {
            return OutcomeReading.failed("the query returned a " + (resultType.isEmpty() ? "result without a type" : resultType)
                    + ", not an instant vector of counts by outcome");
        }
        JsonNode result = root.path("data").path("result");
        if (!result.isArray() || result.isEmpty()) {
            return OutcomeReading.failed("the query returned no series: no outcomes counted, or labels that match no series "
                    + "(check deploymentLabel, revisionLabel and matchers)");
        }
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode series : result) {
            JsonNode metric = series.path("metric");
            String outcome = metric.path("outcome").asText();
            if (outcome.isEmpty()) {
                return OutcomeReading.failed("a series without an outcome label (" + metric + "): the query must keep it, e.g. sum by (kind, outcome)");
            }
            String kind = metric.path("kind").asText(ANY_KIND);
            JsonNode sample = series.path("value");
            String text = sample.isArray() && sample.size() == 2 ? sample.get(1).asText() : null;
            double value = number(text);
            if (!(value >= 0) || Double.isInfinite(value)) {
                return OutcomeReading.failed("outcome " + outcome + " has the value " + text + ", not a count");
            }
            counts.merge(OutcomeCounts.series(kind, outcome), Math.round(value), Long::sum);
        }
        return OutcomeReading.of(new OutcomeCounts(counts));
    }

    /** The sample's value (Prometheus writes floats as strings, NaN and +Inf included); NaN when it is none. */
    private static double number(String text) {
        if (text == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
