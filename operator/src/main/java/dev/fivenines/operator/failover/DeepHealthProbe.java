package dev.fivenines.operator.failover;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fivenines.operator.config.OperatorConfig;
import dev.fivenines.operator.desired.RuntimePods;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The runtime's deep health as seen from inside the cluster, for {@code status.lastDeepHealth}: each Ready pod's
 * {@code /q/health/deep} (the check that exercises storage, signing, the model and a decision), asked in parallel with
 * a 2 s timeout. The summary names the failing step and pod, and carries no time, so an unchanged health writes no
 * status.
 */
@ApplicationScoped
public class DeepHealthProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @Inject
    public DeepHealthProbe(OperatorConfig config) {
        this(config.runtimePort());
    }

    public DeepHealthProbe(int port) {
        this.port = port;
    }

    /** One pod's answer. */
    record Answer(String pod, boolean up, String failedStep, String detail) {
    }

    public String read(Collection<Pod> pods) {
        List<CompletableFuture<Answer>> asked = new ArrayList<>();
        for (Pod pod : pods) {
            if (!RuntimePods.serving(pod)) {
                continue;
            }
            String ip = pod.getStatus().getPodIP();
            String name = pod.getMetadata().getName();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + ip + ":" + port + "/q/health/deep")).timeout(TIMEOUT).build();
            asked.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> failure != null
                    ? new Answer(name, false, "unreachable", String.valueOf(failure.getMessage()))
                    : answer(name, response.statusCode(), response.body())));
        }
        if (asked.isEmpty()) {
            return "no Ready pod to ask";
        }
        List<Answer> answers = asked.stream().map(CompletableFuture::join).toList();
        long up = answers.stream().filter(Answer::up).count();
        if (up == answers.size()) {
            return "UP on " + up + " of " + answers.size() + " pods";
        }
        Answer down = answers.stream().filter(a -> !a.up()).findFirst().orElseThrow();
        return "DOWN on " + (answers.size() - up) + " of " + answers.size() + " pods: " + down.pod() + " failed step " + down.failedStep()
                + (down.detail() == null || down.detail().isEmpty() ? "" : " (" + down.detail() + ")");
    }

    static Answer answer(String pod, int status, String body) {
        try {
            JsonNode report = JSON.readTree(body);
            String failed = report.path("failedStep").isTextual() ? report.path("failedStep").asText() : null;
            if (status == 200 && failed == null) {
                return new Answer(pod, true, null, null);
            }
            String detail = null;
            for (JsonNode step : report.path("steps")) {
                if (step.path("name").asText().equals(failed)) {
                    detail = step.path("detail").asText(null);
                }
            }
            return new Answer(pod, false, failed == null ? "HTTP " + status : failed, detail);
        } catch (Exception e) {
            return new Answer(pod, false, "HTTP " + status, "an answer that is not a health report");
        }
    }

}
