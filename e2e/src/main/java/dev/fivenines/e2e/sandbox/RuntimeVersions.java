package dev.fivenines.e2e.sandbox;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Which runtime version an AuthDeployment runs, and which images its workload ever ran: what rollout checks read. */
public final class RuntimeVersions {

    private RuntimeVersions() {
    }

    /** Whether the AuthDeployment (as JSON) reports {@code version} applied and its workload ready. */
    public static boolean runs(JsonNode deployment, String version) {
        JsonNode status = deployment.path("status");
        if (!version.equals(status.path("runtimeVersion").asText())) {
            return false;
        }
        for (JsonNode condition : status.path("conditions")) {
            if ("WorkloadReady".equals(condition.path("type").asText())) {
                return "True".equals(condition.path("status").asText());
            }
        }
        return false;
    }

    /** Every image any ReplicaSet of the deployment ever had (the Deployment keeps its old ReplicaSets). */
    public static List<String> imagesEverRun(KubernetesClient client, String namespace, String deployment) {
        return client.apps().replicaSets().inNamespace(namespace).withLabel("app.kubernetes.io/instance", deployment).list().getItems()
                .stream().map(ReplicaSet::getSpec).map(spec -> spec.getTemplate().getSpec().getContainers().get(0).getImage()).toList();
    }
}
