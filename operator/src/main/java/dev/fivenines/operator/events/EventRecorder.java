package dev.fivenines.operator.events;

import java.time.Clock;
import java.time.Instant;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes Kubernetes Events. Callers emit transitions only (see {@code status.DeploymentTransitions}), so
 * every call is written. An event that cannot be written is logged and dropped; it never fails a
 * reconcile.
 */
@ApplicationScoped
public class EventRecorder {

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final Clock clock;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void emit(HasMetadata object, EventReason reason, String message) {
        emit(object, reason.name(), reason.type(), message);
    }

    /** @param type Normal or Warning */
    public void emit(HasMetadata object, String reason, String type, String message) {
        String now = Instant.now(clock).toString();
        var event = new EventBuilder()
                .withNewMetadata()
                .withGenerateName(object.getMetadata().getName() + ".")
                .withNamespace(object.getMetadata().getNamespace())
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(object.getApiVersion()).withKind(object.getKind())
                        .withName(object.getMetadata().getName()).withNamespace(object.getMetadata().getNamespace())
                        .withUid(object.getMetadata().getUid()).withResourceVersion(object.getMetadata().getResourceVersion())
                        .build())
                .withReason(reason)
                .withMessage(message)
                .withType(type)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent("fivenines-operator").endSource()
                .withReportingComponent("fivenines-operator")
                .build();
        try {
            client.v1().events().inNamespace(object.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record event %s for %s/%s: %s", reason, object.getKind(), object.getMetadata().getName(), e.getMessage());
        }
        LOG.infof("%s %s/%s: %s", reason, object.getKind(), object.getMetadata().getName(), message);
    }
}
