package dev.fivenines.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

class DriftDetectorTest {

    private static Deployment declared() {
        return new DeploymentBuilder()
                .withNewMetadata().withName("auth-primary").withLabels(Map.of("fivenines.dev/revision", "abc")).endMetadata()
                .withNewSpec().withReplicas(3)
                .withNewTemplate().withNewSpec().addNewContainer().withName("auth").withImage("auth:1.2.0")
                .withNewResources().withRequests(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("1Gi"))).endResources()
                .endContainer().endSpec().endTemplate()
                .endSpec().build();
    }

    /** What the API server gives back: the declaration plus defaults, status and server metadata. */
    private static DeploymentBuilder live() {
        return new DeploymentBuilder(declared())
                .editMetadata().withResourceVersion("42").withUid("u-1").withGeneration(2L)
                .addToLabels("team", "payments").addToAnnotations("deployment.kubernetes.io/revision", "2").endMetadata()
                .editSpec().withRevisionHistoryLimit(10).withProgressDeadlineSeconds(600)
                .editTemplate().editSpec().withRestartPolicy("Always").withDnsPolicy("ClusterFirst")
                .editFirstContainer().withImagePullPolicy("IfNotPresent")
                .withNewResources().withRequests(Map.of("cpu", new Quantity("0.5"), "memory", new Quantity("1024Mi"))).endResources()
                .endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(3).withAvailableReplicas(3).endStatus();
    }

    @Test
    void defaultsStatusAndOtherManagersFieldsAreNotDrift() {
        assertThat(DriftDetector.compare(declared(), live().build())).isEmpty();
    }

    @Test
    void handEditedImageIsReportedWithItsFieldPath() {
        Deployment edited = live().editSpec().editTemplate().editSpec().editFirstContainer().withImage("auth:evil").endContainer()
                .endSpec().endTemplate().endSpec().build();

        Drift drift = DriftDetector.compare(declared(), edited).orElseThrow();

        assertThat(drift.field()).isEqualTo("spec.template.spec.containers[0].image");
        assertThat(drift.describe()).isEqualTo(
                "Deployment auth-primary field spec.template.spec.containers[0].image was auth:evil, declared auth:1.2.0");
    }

    @Test
    void scaledReplicasAreDrift() {
        Deployment scaled = live().editSpec().withReplicas(1).endSpec().build();

        assertThat(DriftDetector.compare(declared(), scaled)).get().extracting(Drift::field).isEqualTo("spec.replicas");
    }

    @Test
    void changedOrRemovedManagedLabelIsDrift() {
        Deployment relabelled = live().editMetadata().addToLabels("fivenines.dev/revision", "zzz").endMetadata().build();
        Deployment unlabelled = live().editMetadata().removeFromLabels("fivenines.dev/revision").endMetadata().build();

        assertThat(DriftDetector.compare(declared(), relabelled)).get().extracting(Drift::field)
                .isEqualTo("metadata.labels.fivenines.dev/revision");
        assertThat(DriftDetector.compare(declared(), unlabelled)).get().extracting(Drift::found).isEqualTo("absent");
    }

    @Test
    void deletedObjectIsDrift() {
        assertThat(DriftDetector.compare(declared(), null)).get().extracting(Drift::describe)
                .isEqualTo("Deployment auth-primary was deleted");
    }

    @Test
    void quantitiesCompareByAmountNotSpelling() {
        Deployment smaller = live().editSpec().editTemplate().editSpec().editFirstContainer()
                .withNewResources().withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("1Gi"))).endResources()
                .endContainer().endSpec().endTemplate().endSpec().build();

        assertThat(DriftDetector.compare(declared(), smaller)).get().extracting(Drift::field)
                .isEqualTo("spec.template.spec.containers[0].resources.requests.cpu");
    }
}
