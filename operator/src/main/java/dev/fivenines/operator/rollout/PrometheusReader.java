package dev.fivenines.operator.rollout;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

import org.jboss.logging.Logger;

import dev.fivenines.api.v1alpha1.RolloutPrometheus;

/**
 * Gate data from a Prometheus server: one instant query ({@code GET <address>/api/v1/query}, evaluated at
 * {@code now}) per read, with a timeout. Used for one step of one blueprint: once the server did not answer, the
 * step's later reads fail at once with the same reason instead of waiting on it again.
 */
final class PrometheusReader implements OutcomeSource {

    private static final Logger LOG = Logger.getLogger(PrometheusReader.class);

    private final RolloutPrometheus spec;
    private final HttpClient http;
    private final Duration timeout;
    private String unreachable;

    PrometheusReader(RolloutPrometheus spec, HttpClient http, Duration timeout) {
        this.spec = spec;
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public OutcomeReading over(Collection<String> deployments, String revision, Duration window, Instant now) {
        if (unreachable != null) {
            return OutcomeReading.failed(unreachable);
        }
        String query = PrometheusQuery.of(spec, deployments, revision, window);
        String address = spec.getAddress().replaceAll("/+$", "");
        URI uri = URI.create(address + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&time="
                + BigDecimal.valueOf(now.toEpochMilli(), 3).toPlainString());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            unreachable = "Prometheus at " + address + " did not answer: " + describe(e);
            return OutcomeReading.failed(unreachable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OutcomeReading.failed("interrupted while querying Prometheus at " + address);
        }
        OutcomeReading reading = PrometheusResponse.parse(response.statusCode(), response.body());
        if (reading.failure() != null) {
            LOG.debugf("Prometheus at %s, query %s: %s", address, query, reading.failure());
            return OutcomeReading.failed("Prometheus at " + address + ": " + reading.failure());
        }
        return reading;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }
}
