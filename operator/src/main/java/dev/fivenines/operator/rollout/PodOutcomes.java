package dev.fivenines.operator.rollout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import dev.fivenines.operator.config.OperatorConfig;
import dev.fivenines.operator.desired.Labels;
import dev.fivenines.operator.desired.RuntimePods;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The gate's data: every runtime pod's cumulative outcome counters, read from the pod itself
 * ({@code http://<pod IP>:<management port>/q/metrics}, no Prometheus needed) and kept in memory per blueprint
 * as {@link OutcomeSamples}. A pod that does not answer within two seconds is skipped for that scrape. The default
 * {@link OutcomeSource}: {@link #source} selects a bucket's pods by the labels they carry (the AuthDeployment's name
 * and the revision).
 */
@ApplicationScoped
public class PodOutcomes {

    private static final Logger LOG = Logger.getLogger(PodOutcomes.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Map<String, OutcomeSamples> byBlueprint = new ConcurrentHashMap<>();

    @Inject
    public PodOutcomes(OperatorConfig config) {
        this(config.runtimeManagementPort());
    }

    PodOutcomes(int port) {
        this.port = port;
    }

    /** Reads every running pod's counters now and forgets samples older than {@code keep}. */
    public void scrape(String blueprint, Collection<Pod> pods, Instant now, Duration keep) {
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        OutcomeSamples samples = byBlueprint.computeIfAbsent(blueprint, key -> new OutcomeSamples());
        for (Pod pod : pods) {
            if (!RuntimePods.serving(pod)) {
                continue;
            }
            String ip = pod.getStatus().getPodIP();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + ip + ":" + port + "/q/metrics")).timeout(TIMEOUT).build();
            reads.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                if (failure != null || response.statusCode() != 200) {
                    LOG.debugf("no outcome counters from pod %s (%s): %s", pod.getMetadata().getName(), ip,
                            failure != null ? failure.getMessage() : "HTTP " + response.statusCode());
                    return null;
                }
                OutcomeCounts counts;
                try {
                    counts = PromMetrics.outcomes(response.body());
                } catch (RuntimeException e) {
                    LOG.warnf("pod %s serves metrics the gate cannot read: %s", pod.getMetadata().getName(), e.getMessage());
                    return null;
                }
                synchronized (samples) {
                    samples.record(pod.getMetadata().getUid(), now, counts);
                }
                return null;
            }));
        }
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
        synchronized (samples) {
            samples.pruneBefore(now.minus(keep));
        }
    }


    /** The outcomes the given pods counted over {@code window} before {@code now}, summed. */
    public OutcomeCounts over(String blueprint, Collection<String> podUids, Duration window, Instant now) {
        OutcomeSamples samples = byBlueprint.get(blueprint);
        if (samples == null) {
            return OutcomeCounts.NONE;
        }
        synchronized (samples) {
            return samples.over(podUids, window, now);
        }
    }

    /** The blueprint's samples as a source: a deployment's pods are those labelled with its name and the revision. */
    public OutcomeSource source(String blueprint, Collection<Pod> pods) {
        return (deployments, revision, window, now) -> OutcomeReading.of(over(blueprint, podsOf(pods, deployments, revision), window, now));
    }

    private static List<String> podsOf(Collection<Pod> pods, Collection<String> deployments, String revision) {
        return pods.stream().filter(p -> p.getMetadata().getLabels() != null)
                .filter(p -> deployments.contains(p.getMetadata().getLabels().get(Labels.INSTANCE)))
                .filter(p -> revision.equals(p.getMetadata().getLabels().get(Labels.REVISION)))
                .map(p -> p.getMetadata().getUid()).toList();
    }

    public void forget(String blueprint) {
        byBlueprint.remove(blueprint);
    }
}
