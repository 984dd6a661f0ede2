package dev.fivenines.e2e.waves;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Stands in for the ReplicaSet controller and the kubelet on a control plane without nodes: every operator-managed
 * Deployment has one Running, Ready pod carrying its pod template's labels (so its revision), at 127.0.0.1, where
 * that region's {@link OutcomeServer} answers; a pod of an earlier template is deleted. Together with the kubelet
 * stand-in (which marks the Deployments available) this is what the rollout reads from a region.
 */
final class PodStandIn implements AutoCloseable {

    private static final String MANAGED = "app.kubernetes.io/managed-by=fivenines-operator";
    private static final String INSTANCE = "app.kubernetes.io/instance";
    private static final String REVISION = "fivenines.dev/revision";

    private final KubernetesClient client;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

    PodStandIn(KubernetesClient client) {
        this.client = client;
    }

    PodStandIn start() {
        loop.scheduleWithFixedDelay(this::syncQuietly, 0, 300, TimeUnit.MILLISECONDS);
        return this;
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (KubernetesClientException e) {
            // a conflict or a vanished object: the next pass sees the new state
        }
    }

    private void sync() {
        List<Deployment> deployments = client.apps().deployments().inAnyNamespace().withLabelSelector(MANAGED).list().getItems();
        List<Pod> pods = client.pods().inAnyNamespace().withLabelSelector(MANAGED).list().getItems();
        for (Deployment deployment : deployments) {
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            String namespace = deployment.getMetadata().getNamespace();
            String instance = labels.get(INSTANCE);
            String revision = labels.get(REVISION);
            String name = instance + "-" + revision;
            for (Pod pod : pods) {
                Map<String, String> have = pod.getMetadata().getLabels();
                if (pod.getMetadata().getNamespace().equals(namespace) && instance.equals(have.get(INSTANCE))
                        && !revision.equals(have.get(REVISION))) {
                    client.resource(pod).delete();
                }
            }
            boolean present = pods.stream().anyMatch(p -> p.getMetadata().getNamespace().equals(namespace) && p.getMetadata().getName().equals(name));
            if (!present) {
                Pod created = client.resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                        .endMetadata().withNewSpec().addNewContainer().withName("runtime").withImage("stand-in").endContainer().endSpec()
                        .build()).create();
                client.resource(new PodBuilder(created).withNewStatus().withPhase("Running").withPodIP("127.0.0.1")
                        .addNewPodIP("127.0.0.1")
                        .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build()).endStatus().build())
                        .updateStatus();
            }
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
