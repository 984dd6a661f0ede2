package dev.fivenines.testing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

/**
 * A STAND-IN FOR THE KUBELET AND THE DEPLOYMENT CONTROLLER, for a control plane that has neither.
 * It writes the status a healthy rollout would reach: every replica updated, ready and available, and
 * {@code Available=True}. Nothing runs; it lets the operator's readiness logic be exercised.
 */
public final class KubeletStandIn implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KubeletStandIn.class);

    private final KubernetesClient client;
    private final String labelSelector;
    private Watch watch;

    public KubeletStandIn(KubernetesClient client, String labelSelector) {
        this.client = client;
        this.labelSelector = labelSelector;
    }

    /** Marks matching Deployments available now and whenever they change, until closed. */
    public KubeletStandIn start() {
        client.apps().deployments().inAnyNamespace().withLabelSelector(labelSelector).list().getItems()
                .forEach(this::markAvailable);
        watch = client.apps().deployments().inAnyNamespace().withLabelSelector(labelSelector).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment deployment) {
                if (action == Action.ADDED || action == Action.MODIFIED) {
                    markAvailable(deployment);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                LOG.warn("kubelet stand-in watch closed: {}", cause.getMessage());
            }
        });
        return this;
    }

    /** Writes the status of a finished, healthy rollout, unless it is already there. */
    public void markAvailable(Deployment deployment) {
        DeploymentStatus wanted = availableStatus(deployment);
        if (sameRollout(deployment.getStatus(), wanted)) {
            return;
        }
        Deployment copy = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(deployment).withStatus(wanted).build();
        try {
            client.resource(copy).updateStatus();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409 && e.getCode() != 404) {
                throw e;
            }
            // a newer version arrives as its own event
        }
    }

    /** Takes every pod of the Deployment away, as a failed rollout or a lost node would. */
    public void markUnavailable(Deployment deployment) {
        int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        DeploymentStatus status = new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(0).withAvailableReplicas(0)
                .withUnavailableReplicas(replicas)
                .withConditions(condition("False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."))
                .build();
        client.resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(deployment).withStatus(status).build()).updateStatus();
    }

    static DeploymentStatus availableStatus(Deployment deployment) {
        int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        return new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
                .withConditions(condition("True", "MinimumReplicasAvailable", "Deployment has minimum availability."))
                .build();
    }

    private static boolean sameRollout(DeploymentStatus have, DeploymentStatus want) {
        return have != null && Objects.equals(have.getObservedGeneration(), want.getObservedGeneration())
                && Objects.equals(have.getAvailableReplicas(), want.getAvailableReplicas())
                && Objects.equals(have.getReplicas(), want.getReplicas());
    }

    private static List<DeploymentCondition> condition(String status, String reason, String message) {
        String now = Instant.now().toString();
        return List.of(new DeploymentConditionBuilder().withType("Available").withStatus(status).withReason(reason)
                .withMessage(message).withLastTransitionTime(now).withLastUpdateTime(now).build());
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }
}
